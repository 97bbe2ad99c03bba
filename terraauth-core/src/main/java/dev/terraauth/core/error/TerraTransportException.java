package dev.terraauth.core.error;

/** Terra could not be reached, or did not answer in time. */
public non-sealed class TerraTransportException extends TerraAuthException {
  private static final long serialVersionUID = 1L;

  public TerraTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
