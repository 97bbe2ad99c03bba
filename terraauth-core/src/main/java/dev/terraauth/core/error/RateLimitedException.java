package dev.terraauth.core.error;

import java.time.Duration;
import java.util.Optional;

/** Terra answered 429 Too Many Requests, optionally saying when to retry. */
public final class RateLimitedException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(
      String message, int status, String errorCode, String requestId, Duration retryAfter) {
    super(message, status, errorCode, requestId);
    this.retryAfter = retryAfter;
  }

  /** How long Terra asked to wait ({@code Retry-After}, seconds or HTTP date), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
