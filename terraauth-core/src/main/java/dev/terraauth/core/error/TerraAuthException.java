package dev.terraauth.core.error;

/**
 * Everything terraauth-core throws on purpose. Unchecked and sealed, so the gateway's error mapper
 * and the CLI's exit-code mapper can handle every kind. Messages name operations, environments and
 * safe ids, never a secret value. Misuse of the API stays {@link IllegalArgumentException}.
 */
public abstract sealed class TerraAuthException extends RuntimeException
    permits ConfigException,
        TerraApiException,
        TerraTransportException,
        WebhookVerificationException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure of terra-auth.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   */
  protected TerraAuthException(String message) {
    super(message);
  }

  /**
   * A failure of terra-auth with its cause.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param cause the underlying failure
   */
  protected TerraAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
