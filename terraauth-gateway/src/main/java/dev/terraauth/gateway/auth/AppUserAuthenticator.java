package dev.terraauth.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.health.HealthStatus;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies an app user's {@code Authorization: Bearer} JWT and returns the user id. Refuses
 * unsigned ({@code alg: none}) tokens, other algorithms, wrong keys, wrong issuer or audience, and
 * expired tokens (beyond a small clock skew). Thread-safe.
 */
public final class AppUserAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(AppUserAuthenticator.class);
  private static final int JWKS_TIMEOUT_MILLIS = 5_000;
  private static final int JWKS_SIZE_LIMIT_BYTES = 50 * 1024;

  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final String userIdClaim;
  private final ThrottledLog outageLog = new ThrottledLog(LOG, Duration.ofMinutes(1));

  /**
   * Why the last JWKS fetch left no keys to verify with (it failed and no keys within the grace
   * period remain), or null when it did not. While set, a refetch refused by the rate limiter is
   * still the outage, not a token with an unknown key id.
   */
  private final AtomicReference<String> keysUnavailable = new AtomicReference<>();

  public AppUserAuthenticator(JwtSettings settings) {
    this(settings, JwksPolicy.DEFAULT);
  }

  public AppUserAuthenticator(JwtSettings settings, JwksPolicy jwksPolicy) {
    this.userIdClaim = settings.userIdClaim();
    processor = new DefaultJWTProcessor<>();
    if (settings.hs256Secret() != null) {
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              JWSAlgorithm.HS256, new ImmutableSecret<>(settings.hs256Secret().revealBytes())));
    } else {
      JWKSource<SecurityContext> keys;
      try {
        keys = jwksSource(settings.jwksUrl().toURL(), jwksPolicy, keysUnavailable);
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

  private static JWKSource<SecurityContext> jwksSource(
      URL url, JwksPolicy policy, AtomicReference<String> keysUnavailable) {
    long ttlMillis = policy.cacheTtl().toMillis();
    JWKSourceBuilder<SecurityContext> builder =
        // Nimbus' 500 ms default timeouts fail the first fetch on a busy machine; 5 s still
        // bounds a stalled JWKS server.
        JWKSourceBuilder.<SecurityContext>create(
                url,
                new DefaultResourceRetriever(
                    JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES))
            .cache(ttlMillis, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
            .refreshAheadCache(false);
    // refetches for unknown key ids are rate-limited, at most once per half cache lifetime
    long rateLimitMillis =
        Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, ttlMillis / 2);
    builder =
        rateLimitMillis > 0 ? builder.rateLimited(rateLimitMillis) : builder.rateLimited(false);
    long graceMillis = policy.outageGrace().toMillis();
    builder = graceMillis > 0 ? builder.outageTolerant(graceMillis) : builder.outageTolerant(false);
    // reported after the outage grace and before the rate limit: NOT_HEALTHY means no usable keys
    builder =
        builder.healthReporting(
            report ->
                keysUnavailable.set(
                    report.getHealthStatus() == HealthStatus.NOT_HEALTHY
                        ? String.valueOf(
                            report.getException() == null
                                ? "unknown cause"
                                : report.getException().getMessage())
                        : null));
    return builder.build();
  }

  /**
   * The user id of a valid bearer token.
   *
   * @throws UnauthorizedException naming what is wrong (never echoing the token)
   * @throws JwksUnavailableException when the JWKS cannot be fetched and no recent keys remain
   */
  public String authenticate(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw new UnauthorizedException("missing bearer token");
    }
    String[] parts = authorizationHeader.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw new UnauthorizedException("the Authorization header must be 'Bearer <token>'");
    }
    String token = parts[1];
    CompactToken.check(token, userIdClaim);
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new UnauthorizedException("the bearer token is not a JWT");
    } catch (BadJOSEException e) {
      throw new UnauthorizedException("the bearer token was refused: " + e.getMessage());
    } catch (RateLimitReachedException e) {
      String failure = keysUnavailable.get();
      if (failure != null) {
        // the refetch was refused only because the last one, which failed, was moments ago
        throw outage(failure);
      }
      // the keys are there, and an unknown key id asked for a refetch too soon after the last one
      throw new UnauthorizedException("no JWKS key matches the bearer token's key id");
    } catch (KeySourceException e) {
      throw outage(e.getMessage());
    } catch (JOSEException e) {
      throw new UnauthorizedException("the bearer token could not be verified");
    }
    Object userId = claims.getClaim(userIdClaim);
    if (!(userId instanceof String id) || id.isBlank()) {
      throw new UnauthorizedException("the bearer token has no string claim '" + userIdClaim + "'");
    }
    return id;
  }

  private JwksUnavailableException outage(String cause) {
    outageLog.error("the JWKS could not be fetched, app users cannot sign in: {}", cause);
    return new JwksUnavailableException(
        "the app's signing keys (JWKS) cannot be fetched; try again shortly");
  }
}
