package dev.terraauth.core.error;

/**
 * Terra rejected the credentials (401 or 403): missing, wrong, or dev-id and x-api-key from
 * different environments. Never retried.
 */
public final class InvalidCredentialsException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  public InvalidCredentialsException(
      String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
