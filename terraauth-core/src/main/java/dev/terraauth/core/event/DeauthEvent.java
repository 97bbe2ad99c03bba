package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.TerraUser;
import java.util.Optional;

/**
 * {@code deauth}: the connection was removed through Terra (e.g. your deauthenticateUser call).
 * Mark it removed and apply your retention policy. Nullable: message (Omron sends null).
 */
public record DeauthEvent(String status, TerraUser user, String message, JsonNode raw)
    implements WebhookEvent {
  /** {@code deauth}. */
  public static final String TYPE = "deauth";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> userId() {
    return Optional.of(user.userId());
  }
}
