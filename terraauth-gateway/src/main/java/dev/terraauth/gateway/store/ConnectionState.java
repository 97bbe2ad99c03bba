package dev.terraauth.gateway.store;

import java.util.Locale;

/**
 * Where a connection (one end user x one provider account) stands. A connection row exists once
 * Terra confirmed it; a session that is pending or failed is an {@link AuthSession.Outcome}.
 */
public enum ConnectionState {
  /** Terra confirmed the connection ({@code auth} success). */
  ACTIVE,
  /** The provider rejected Terra's token ({@code connection_error}): the user should reconnect. */
  ERROR,
  /** The user revoked access at the provider ({@code access_revoked}). */
  REVOKED,
  /** Disconnected through Terra ({@code deauth}, or our own deauthentication). */
  DEAUTHENTICATED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConnectionState parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
