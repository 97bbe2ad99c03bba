package dev.terraauth.core.error;

/**
 * Terra rejected the request as malformed (400, or another 4xx without a more specific type). Never
 * retried.
 */
public final class TerraBadRequestException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  public TerraBadRequestException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
