package dev.terraauth.gateway.auth;

/**
 * The app's JWKS could not be fetched and no recent keys are left to verify with: an outage on the
 * identity provider's side, answered 503 with {@code Retry-After} rather than a 401 that would tell
 * valid users their credentials are bad.
 */
public final class JwksUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How long callers are asked to wait before trying again. */
  public static final long RETRY_AFTER_SECONDS = 10;

  public JwksUnavailableException(String message) {
    super(message);
  }
}
