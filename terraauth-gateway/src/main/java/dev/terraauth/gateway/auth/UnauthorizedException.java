package dev.terraauth.gateway.auth;

/** A request lacks valid credentials (401). The message never contains the credential. */
public final class UnauthorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(message);
  }
}
