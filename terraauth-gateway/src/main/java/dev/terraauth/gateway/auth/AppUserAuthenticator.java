package dev.terraauth.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Set;

/**
 * Verifies an app user's {@code Authorization: Bearer} JWT and returns the user id. Refuses
 * unsigned ({@code alg: none}) tokens, other algorithms, wrong keys, wrong issuer or audience, and
 * expired tokens (beyond a small clock skew). Thread-safe.
 */
public final class AppUserAuthenticator {
  private static final int JWKS_TIMEOUT_MILLIS = 5_000;
  private static final int JWKS_SIZE_LIMIT_BYTES = 50 * 1024;

  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final String userIdClaim;

  public AppUserAuthenticator(JwtSettings settings) {
    this.userIdClaim = settings.userIdClaim();
    processor = new DefaultJWTProcessor<>();
    if (settings.hs256Secret() != null) {
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              JWSAlgorithm.HS256, new ImmutableSecret<>(settings.hs256Secret().revealBytes())));
    } else {
      JWKSource<SecurityContext> keys;
      try {
        // Nimbus' 500 ms default timeouts fail the first fetch on a busy machine; 5 s still
        // bounds a stalled JWKS server, and the key set is cached after the first fetch.
        keys =
            JWKSourceBuilder.<SecurityContext>create(
                    settings.jwksUrl().toURL(),
                    new DefaultResourceRetriever(
                        JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES))
                .build();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("the JWKS URL is not a URL: " + settings.jwksUrl(), e);
      }
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    }
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            settings.audience(),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("exp", userIdClaim));
    claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * The user id of a valid bearer token.
   *
   * @throws UnauthorizedException naming what is wrong (never echoing the token)
   */
  public String authenticate(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw new UnauthorizedException("missing bearer token");
    }
    String[] parts = authorizationHeader.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw new UnauthorizedException("the Authorization header must be 'Bearer <token>'");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(parts[1], null);
    } catch (ParseException e) {
      throw new UnauthorizedException("the bearer token is not a JWT");
    } catch (BadJOSEException e) {
      throw new UnauthorizedException("the bearer token was refused: " + e.getMessage());
    } catch (JOSEException e) {
      throw new UnauthorizedException("the bearer token could not be verified");
    }
    Object userId = claims.getClaim(userIdClaim);
    if (!(userId instanceof String id) || id.isBlank()) {
      throw new UnauthorizedException("the bearer token has no string claim '" + userIdClaim + "'");
    }
    return id;
  }
}
