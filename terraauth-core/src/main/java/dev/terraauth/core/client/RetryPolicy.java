package dev.terraauth.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before retrying. Retried: transport failures, 429, 502, 503 and 504;
 * never other statuses. Calls that may not be repeated (authenticateUser, deauthenticateUser) are
 * retried only after a connection failure, when Terra provably never saw them. The wait before
 * retry {@code n} (1-based) is a random value in {@code [b/2, b]} with {@code b = min(maxBackoff,
 * initialBackoff * 2^(n-1))}, or Terra's {@code Retry-After} if it sent one; a {@code Retry-After}
 * longer than {@code maxRetryAfter} is not waited for (the error is thrown at once, carrying it).
 *
 * @param maxAttempts attempts in total, including the first (1 = no retries)
 * @param initialBackoff base of the exponential backoff
 * @param maxBackoff cap of the exponential backoff
 * @param maxRetryAfter the longest {@code Retry-After} that is honoured by waiting
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** 3 attempts, 200 ms doubling up to 2 s, Retry-After honoured up to 10 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10));

  /** A single attempt. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /**
   * Checks the components: at least one attempt, no negative duration.
   *
   * @param maxAttempts attempts in total, including the first (1 = no retries)
   * @param initialBackoff base of the exponential backoff
   * @param maxBackoff cap of the exponential backoff
   * @param maxRetryAfter the longest {@code Retry-After} that is honoured by waiting
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /**
   * The backoff ceiling before retry {@code retry} (1-based), before jitter.
   *
   * @param retry the retry, 1 for the first
   * @return the longest wait before that retry
   */
  public Duration backoffCeiling(int retry) {
    long base = initialBackoff.toMillis();
    long ceiling = base << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(maxBackoff.toMillis(), Math.max(ceiling, base)));
  }

  /**
   * The jittered wait for retry {@code retry} given a random value in [0, 1).
   *
   * @param retry the retry, 1 for the first
   * @param random a random value in [0, 1)
   * @return how long to wait before that retry
   */
  public Duration backoff(int retry, double random) {
    long ceiling = backoffCeiling(retry).toMillis();
    return Duration.ofMillis(ceiling / 2 + (long) ((ceiling - ceiling / 2) * random));
  }
}
