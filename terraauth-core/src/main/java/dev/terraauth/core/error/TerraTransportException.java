package dev.terraauth.core.error;

/**
 * Terra could not be reached, the connection broke, or Terra did not answer in time ({@link
 * TerraTimeoutException}). {@link #reachedTerra()} tells whether the request may have been
 * processed (false only when the connection was never established).
 */
public sealed class TerraTransportException extends TerraAuthException
    permits TerraTimeoutException {
  private static final long serialVersionUID = 1L;

  /** Whether the request may have reached Terra. */
  private final boolean reachedTerra;

  /**
   * Terra could not be reached, or the connection failed.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param reachedTerra whether the request may have reached Terra
   * @param cause the I/O failure
   */
  public TerraTransportException(String message, boolean reachedTerra, Throwable cause) {
    super(message, cause);
    this.reachedTerra = reachedTerra;
  }

  /**
   * {@return false when the connection was never established, so Terra provably did not see the
   * call}
   */
  public boolean reachedTerra() {
    return reachedTerra;
  }
}
