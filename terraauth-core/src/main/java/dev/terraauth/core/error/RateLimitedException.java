package dev.terraauth.core.error;

import java.time.Duration;
import java.util.Optional;

/** Terra answered 429 Too Many Requests, optionally saying when to retry. */
public final class RateLimitedException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /** How long Terra asked to wait, or null. */
  private final Duration retryAfter;

  /**
   * Terra answered 429.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   * @param retryAfter how long Terra asked to wait, or null
   */
  public RateLimitedException(
      String message, int status, String errorCode, String requestId, Duration retryAfter) {
    super(message, status, errorCode, requestId);
    this.retryAfter = retryAfter;
  }

  /**
   * {@return how long Terra asked to wait ({@code Retry-After}, seconds or HTTP date), if it said}
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
