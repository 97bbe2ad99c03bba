package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.TerraUser;
import java.util.Optional;

/**
 * {@code auth} with status {@code success}: a connection was created. Upsert it as active, keyed on
 * {@code user.userId()}, and link it through {@code user.referenceId()}. Nullable: message, flowId,
 * widgetSessionId.
 */
public record AuthSuccessEvent(
    String status,
    TerraUser user,
    String message,
    String flowId,
    String widgetSessionId,
    JsonNode raw)
    implements WebhookEvent {
  /** {@code auth}. */
  public static final String TYPE = "auth";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> userId() {
    return Optional.of(user.userId());
  }
}
