package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A parsed Terra webhook event. Sealed, so a {@code switch} (or {@code instanceof} chain) over the
 * auth lifecycle is exhaustive; data, operational and unknown types arrive as {@link
 * PassThroughEvent}, never as an error. Every event keeps its {@link #raw()} JSON.
 */
public sealed interface WebhookEvent
    permits AuthSuccessEvent,
        AuthFailureEvent,
        DeauthEvent,
        UserReauthEvent,
        AccessRevokedEvent,
        ConnectionErrorEvent,
        PermissionChangeEvent,
        PassThroughEvent {
  /**
   * {@return the {@code type} field as sent ({@code auth}, {@code auth_cancelled}, {@code sleep},
   * ...)}
   */
  String type();

  /** {@return the {@code status} field as sent; may be null} */
  String status();

  /** {@return the whole event as parsed JSON (do not modify it)} */
  JsonNode raw();

  /**
   * {@return Terra's id of the connection this event is about: the user's for {@code auth}, {@code
   * deauth}, {@code access_revoked}, {@code connection_error} and {@code permission_change}, the
   * new user's for {@code user_reauth}; empty for auth failures (no connection was made) and
   * pass-through events}
   */
  default Optional<String> userId() {
    return Optional.empty();
  }
}
