package dev.terraauth.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The development-only login of the {@code local} environment: anyone signs in with any name and
 * gets a short-lived HS256 JWT signed with a key made up at start (never stored). Cannot be built
 * for any other environment.
 */
public final class DevLogin {
  public static final String ISSUER = "terra-auth-local-dev-login";
  public static final String AUDIENCE = "terra-auth-local";
  public static final Duration LIFETIME = Duration.ofHours(1);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final Secret key;
  private final Clock clock;

  private DevLogin(Secret key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /**
   * @throws IllegalStateException for any environment but {@code local}
   */
  public static DevLogin forEnvironment(Environment environment, Clock clock) {
    if (environment != Environment.LOCAL) {
      throw new IllegalStateException(
          "the development login exists only in the local environment, not in " + environment);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return new DevLogin(Secret.of(HexFormat.of().formatHex(random)), clock);
  }

  /** How the gateway verifies the tokens this login issues. */
  public JwtSettings jwtSettings() {
    return JwtSettings.hs256(key, ISSUER, AUDIENCE);
  }

  /**
   * A token for {@code name}, which becomes the user id.
   *
   * @throws IllegalArgumentException when the name is not 1-64 letters, digits or {@code ._@-}
   */
  public String issue(String name) {
    if (name == null || !NAME.matcher(name.strip()).matches()) {
      throw new IllegalArgumentException(
          "the name must be 1 to 64 letters, digits or . _ @ - characters");
    }
    Date now = Date.from(clock.instant());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(name.strip())
            .issueTime(now)
            .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(key.revealBytes()));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing the development token failed", e);
    }
    return jwt.serialize();
  }
}
