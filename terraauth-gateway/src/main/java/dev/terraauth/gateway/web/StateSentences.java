package dev.terraauth.gateway.web;

import dev.terraauth.gateway.store.ConnectionState;

/** What each connection state means, in one sentence an operator can act on. */
final class StateSentences {
  private StateSentences() {}

  static String of(ConnectionState state, String detail) {
    String reason = detail == null || detail.isBlank() ? null : detail;
    return switch (state) {
      case ACTIVE -> "Connected: Terra sends this user's data.";
      case ERROR ->
          "The provider rejected Terra's access"
              + (reason == null ? "" : " (" + reason + ")")
              + "; the user has to reconnect.";
      case REVOKED -> "The user revoked access at the provider; they have to reconnect.";
      case DEAUTHENTICATED ->
          "Disconnected" + (reason == null ? "" : " (" + reason + ")") + "; no data flows.";
    };
  }
}
