package dev.terraauth.core.error;

/**
 * Terra failed (5xx), possibly with a non-JSON page. Retried for 502/503/504 where that is safe.
 */
public final class TerraServerErrorException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra answered with a 5xx status.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   */
  public TerraServerErrorException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
