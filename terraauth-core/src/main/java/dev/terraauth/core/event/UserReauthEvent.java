package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.TerraUser;
import java.util.Optional;

/**
 * {@code user_reauth}: the same provider account connected again under the same reference id and
 * got a new user id. Re-key stored data from {@code oldUser.userId()} to {@code newUser.userId()};
 * when {@code oldUser} is null, match on {@code (referenceId, provider)} instead. Nullable:
 * oldUser, message, version.
 */
public record UserReauthEvent(
    String status,
    TerraUser newUser,
    TerraUser oldUser,
    String message,
    String version,
    JsonNode raw)
    implements WebhookEvent {
  /** {@code user_reauth}. */
  public static final String TYPE = "user_reauth";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> userId() {
    return Optional.of(newUser.userId());
  }
}
