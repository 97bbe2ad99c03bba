package dev.terraauth.core.error;

/** Terra does not know the referenced resource (404): an unknown user id, provider or dev-id. */
public final class TerraNotFoundException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra answered 404.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   */
  public TerraNotFoundException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
