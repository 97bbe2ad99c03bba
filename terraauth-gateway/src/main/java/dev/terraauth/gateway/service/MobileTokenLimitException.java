package dev.terraauth.gateway.service;

import java.time.Duration;

/** The user asked for more mobile tokens than the per-minute limit allows. */
public final class MobileTokenLimitException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  MobileTokenLimitException(int perMinute, long retryAfterSeconds) {
    super("at most " + perMinute + " mobile tokens a minute per user");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When the next token may be asked for. */
  public Duration retryAfter() {
    return Duration.ofSeconds(retryAfterSeconds);
  }
}
