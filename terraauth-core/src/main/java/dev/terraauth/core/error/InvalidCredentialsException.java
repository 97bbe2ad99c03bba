package dev.terraauth.core.error;

/**
 * Terra rejected the credentials (401 or 403): missing, wrong, or dev-id and x-api-key from
 * different environments. Never retried.
 */
public final class InvalidCredentialsException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra refused the credentials (401 or 403).
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   */
  public InvalidCredentialsException(
      String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
