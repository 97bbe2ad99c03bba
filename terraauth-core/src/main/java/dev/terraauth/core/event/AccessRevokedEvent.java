package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.TerraUser;
import java.util.Optional;

/**
 * {@code access_revoked}: the user revoked access at the provider. Treat like deauth. Nullable:
 * message.
 */
public record AccessRevokedEvent(String status, TerraUser user, String message, JsonNode raw)
    implements WebhookEvent {
  /** {@code access_revoked}. */
  public static final String TYPE = "access_revoked";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> userId() {
    return Optional.of(user.userId());
  }
}
