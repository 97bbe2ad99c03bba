package dev.terraauth.core.error;

import java.util.Objects;

/**
 * A webhook delivery was not accepted: its signature did not verify, its timestamp is outside the
 * window, nothing is configured to verify it with, or its verified body is not a Terra event. The
 * {@link #reason()} says which, so callers can {@code switch} over it (e.g. 401 for a bad
 * signature, 400 for {@link Reason#MALFORMED_PAYLOAD}, 500 for {@link
 * Reason#NO_SECRETS_CONFIGURED}). Messages never contain a secret or an expected signature.
 */
public final class WebhookVerificationException extends TerraAuthException {
  private static final long serialVersionUID = 1L;

  /** Why a delivery was rejected. */
  public enum Reason {
    /**
     * Neither {@code X-Terra-Signature} nor {@code terra-signature} was present (or it is blank).
     */
    MISSING_HEADER,
    /** The signature header could not be parsed (no or bad {@code t}, duplicate {@code t}, ...). */
    MALFORMED_HEADER,
    /** The header parsed but carries no {@code v1} signature (other schemes are ignored). */
    NO_V1_SIGNATURE,
    /** No {@code v1} signature matches any configured secret (wrong secret or altered body). */
    BAD_SIGNATURE,
    /** The signature matched but the timestamp is older than the tolerance (possible replay). */
    STALE_TIMESTAMP,
    /** The signature matched but the timestamp is further in the future than the tolerance. */
    FUTURE_TIMESTAMP,
    /** The timestamp looks like Unix milliseconds; Terra's Unified API signs Unix seconds. */
    MILLISECOND_TIMESTAMP,
    /** No signing secret is configured, so nothing can be verified (fails closed). */
    NO_SECRETS_CONFIGURED,
    /** The body is missing (null). */
    MISSING_BODY,
    /** The (verified) body is not a JSON object shaped like a Terra event. */
    MALFORMED_PAYLOAD
  }

  /** Why the delivery was rejected. */
  private final Reason reason;

  /**
   * @param reason why the delivery was rejected
   * @param message what exactly was wrong; must never contain a secret or an expected signature
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  /**
   * Like {@link #WebhookVerificationException(Reason, String)}, keeping the cause.
   *
   * @param reason why the delivery is rejected
   * @param message details, never a secret or the body
   * @param cause the underlying failure
   */
  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
    this.reason = reason;
  }

  /** {@return why the delivery was rejected} */
  public Reason reason() {
    return reason;
  }
}
