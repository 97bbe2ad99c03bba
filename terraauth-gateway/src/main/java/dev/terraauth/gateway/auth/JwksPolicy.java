package dev.terraauth.gateway.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How the JWKS is cached: keys are refetched after {@code cacheTtl}; when a refetch fails, the last
 * good keys are still used for {@code outageGrace} after they were fetched, so a short identity
 * provider outage does not lock valid users out. {@code outageGrace} zero turns the grace off.
 */
public record JwksPolicy(Duration cacheTtl, Duration outageGrace) {
  public static final JwksPolicy DEFAULT =
      new JwksPolicy(Duration.ofMinutes(5), Duration.ofHours(1));

  public JwksPolicy {
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(outageGrace, "outageGrace");
    if (cacheTtl.isNegative() || cacheTtl.isZero() || outageGrace.isNegative()) {
      throw new IllegalArgumentException("cacheTtl must be positive and outageGrace not negative");
    }
  }
}
