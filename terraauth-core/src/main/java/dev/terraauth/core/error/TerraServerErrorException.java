package dev.terraauth.core.error;

/**
 * Terra failed (5xx), possibly with a non-JSON page. Retried for 502/503/504 where that is safe.
 */
public final class TerraServerErrorException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  public TerraServerErrorException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
