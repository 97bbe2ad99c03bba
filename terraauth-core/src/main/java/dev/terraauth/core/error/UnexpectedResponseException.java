package dev.terraauth.core.error;

/**
 * Terra answered with a status this client does not expect (e.g. a redirect) or a success whose
 * body does not match the published contract.
 */
public final class UnexpectedResponseException extends TerraApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra's answer was not what the contract says.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param requestId the response's request id, or null
   * @param cause what could not be read, or null
   */
  public UnexpectedResponseException(
      String message, int status, String requestId, Throwable cause) {
    super(message, status, null, requestId, cause);
  }
}
