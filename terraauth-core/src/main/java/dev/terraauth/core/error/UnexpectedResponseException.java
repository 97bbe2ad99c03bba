package dev.terraauth.core.error;

/**
 * Terra answered with a status this client does not expect (e.g. a redirect) or a success whose
 * body does not match the published contract.
 */
public final class UnexpectedResponseException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  public UnexpectedResponseException(
      String message, int status, String requestId, Throwable cause) {
    super(message, status, null, requestId, cause);
  }
}
