package dev.terraauth.gateway.service;

import java.time.Duration;

/** The user asked for more tokens of one kind than the limit allows in its window. */
public final class IssueLimitException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  IssueLimitException(IssueRateLimiter.Limit limit, long retryAfterSeconds) {
    super(
        "at most "
            + limit.limit()
            + " "
            + limit.kind().replace('_', ' ')
            + "s per user every "
            + limit.window().toSeconds()
            + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When the oldest issue in the window leaves it, so the next one may be asked for. */
  public Duration retryAfter() {
    return Duration.ofSeconds(retryAfterSeconds);
  }
}
