package dev.terraauth.core.error;

/**
 * Terra rejected the request as malformed (400, or another 4xx without a more specific type). Never
 * retried.
 */
public final class TerraBadRequestException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra rejected the request as malformed.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   */
  public TerraBadRequestException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
