package dev.terraauth.core.error;

/** Terra does not know the referenced resource (404): an unknown user id, provider or dev-id. */
public final class TerraNotFoundException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  public TerraNotFoundException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, requestId);
  }
}
