package dev.terraauth.gateway.auth;

import dev.terraauth.core.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How app users' bearer tokens are verified: an HS256 shared secret or a JWKS URL (RS256/ES256),
 * with the expected issuer and audience. Exactly one of {@code hs256Secret} and {@code jwksUrl}.
 *
 * @param userIdClaim the claim holding the app's user id, Terra's {@code reference_id}
 */
public record JwtSettings(
    Secret hs256Secret,
    URI jwksUrl,
    String issuer,
    String audience,
    String userIdClaim,
    Duration clockSkew) {
  public static final String DEFAULT_USER_ID_CLAIM = "sub";
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** HS256 keys shorter than this are refused (RFC 7518 3.2). */
  public static final int MIN_HS256_SECRET_BYTES = 32;

  public JwtSettings {
    if ((hs256Secret == null) == (jwksUrl == null)) {
      throw new IllegalArgumentException("configure exactly one of an HS256 secret and a JWKS URL");
    }
    if (hs256Secret != null && hs256Secret.revealBytes().length < MIN_HS256_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the HS256 secret must be at least " + MIN_HS256_SECRET_BYTES + " bytes");
    }
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    userIdClaim = userIdClaim == null ? DEFAULT_USER_ID_CLAIM : userIdClaim;
    clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
  }

  public static JwtSettings hs256(Secret secret, String issuer, String audience) {
    return new JwtSettings(secret, null, issuer, audience, null, null);
  }

  public static JwtSettings jwks(URI url, String issuer, String audience) {
    return new JwtSettings(null, url, issuer, audience, null, null);
  }

  public JwtSettings withUserIdClaim(String claim) {
    return new JwtSettings(hs256Secret, jwksUrl, issuer, audience, claim, clockSkew);
  }
}
