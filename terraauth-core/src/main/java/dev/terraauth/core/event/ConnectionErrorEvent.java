package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.TerraUser;
import java.util.Optional;

/**
 * {@code connection_error}: the provider rejected Terra's token; mark the connection degraded and
 * prompt the user to reconnect. Nullable: message.
 */
public record ConnectionErrorEvent(String status, TerraUser user, String message, JsonNode raw)
    implements WebhookEvent {
  /** {@code connection_error}. */
  public static final String TYPE = "connection_error";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> userId() {
    return Optional.of(user.userId());
  }
}
