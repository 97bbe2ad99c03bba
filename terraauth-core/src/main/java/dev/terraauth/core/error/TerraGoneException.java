package dev.terraauth.core.error;

/**
 * The endpoint is gone for this account (410), e.g. the legacy widget endpoint for accounts created
 * after 2026-09-03.
 */
public final class TerraGoneException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra answered 410.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   */
  public TerraGoneException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
