package dev.terraauth.gateway.store;

/**
 * A write could not be made durable now (database down, deadlock, writer saturated): nothing of it
 * was committed, and the caller should answer 503 with Retry-After so the sender tries again. The
 * message never holds bound values.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
