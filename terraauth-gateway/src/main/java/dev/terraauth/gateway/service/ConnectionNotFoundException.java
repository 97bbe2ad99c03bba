package dev.terraauth.gateway.service;

/**
 * No such connection for this user: someone else's is reported exactly like one that does not
 * exist, so ids cannot be probed.
 */
public final class ConnectionNotFoundException extends GatewayException {
  private static final long serialVersionUID = 1L;

  ConnectionNotFoundException() {
    super("no such connection");
  }
}
