package dev.terraauth.core.error;

/** A webhook delivery failed signature verification. */
public final class WebhookVerificationException extends TerraAuthException {
  private static final long serialVersionUID = 1L;

  public WebhookVerificationException(String message) {
    super(message);
  }
}
