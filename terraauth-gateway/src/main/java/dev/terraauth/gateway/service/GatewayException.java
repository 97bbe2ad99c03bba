package dev.terraauth.gateway.service;

/**
 * What a gateway service refuses, in the service's own terms; {@code http.ErrorMapper} decides the
 * HTTP answer. Messages are shown to the caller, so they never hold a secret.
 */
public abstract sealed class GatewayException extends RuntimeException
    permits ConnectionNotFoundException, IssueLimitException {
  private static final long serialVersionUID = 1L;

  GatewayException(String message) {
    super(message);
  }
}
