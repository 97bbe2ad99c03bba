package dev.terraauth.gateway.store;

import java.util.Locale;

/** Where a connection (one end user x one provider account) stands. */
public enum ConnectionState {
  /** A widget session or mobile token was issued; no outcome yet. */
  PENDING,
  /** Terra confirmed the connection ({@code auth} success). */
  ACTIVE,
  /** The user cancelled or the provider refused ({@code auth_cancelled}, legacy auth error). */
  FAILED,
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
