package dev.terraauth.core.error;

/**
 * Terra answered with an error status. Carries the status, Terra's error code (if any) and request
 * id (if any) from the response.
 */
public non-sealed class TerraApiException extends TerraAuthException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public TerraApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status Terra returned. */
  public int status() {
    return status;
  }
}
