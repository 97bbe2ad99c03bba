package dev.terraauth.core.error;

/**
 * The endpoint is gone for this account (410), e.g. the legacy widget endpoint for accounts created
 * after 2026-09-03.
 */
public final class TerraGoneException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  public TerraGoneException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
