package dev.terraauth.core.error;

/** Terra did not answer within the connect timeout, the request timeout or the call deadline. */
public final class TerraTimeoutException extends TerraTransportException {
  private static final long serialVersionUID = 1L;

  public TerraTimeoutException(String message, boolean reachedTerra, Throwable cause) {
    super(message, reachedTerra, cause);
  }
}
