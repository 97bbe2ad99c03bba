package dev.terraauth.gateway.webhook;

/** A webhook delivery was refused before anything was stored. The message never holds a secret. */
public final class WebhookRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a delivery was refused; also the {@code outcome} label of the metric. */
  public enum Reason {
    MISSING_SIGNATURE,
    BAD_SIGNATURE,
    STALE_TIMESTAMP,
    WRONG_ENVIRONMENT,
    MALFORMED_BODY
  }

  private final Reason reason;

  public WebhookRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
