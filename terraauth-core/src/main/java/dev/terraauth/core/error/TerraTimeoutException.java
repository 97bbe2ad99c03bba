package dev.terraauth.core.error;

/** Terra did not answer within the connect timeout, the request timeout or the call deadline. */
public final class TerraTimeoutException extends TerraTransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Terra did not answer in time.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param reachedTerra whether the request may have reached Terra
   * @param cause the I/O failure
   */
  public TerraTimeoutException(String message, boolean reachedTerra, Throwable cause) {
    super(message, reachedTerra, cause);
  }
}
