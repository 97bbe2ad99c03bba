package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy {@code PATCH /users/{user_id}} the SDKs call {@code modifyUser}: changes {@code
 * reference_id} and {@code active}, answering in the profile's format. The current spec dropped it;
 * both profiles serve it because the SDKs in the field still call it.
 */
final class UserModification {
  private final EmulatorState state;
  private final Responses responses;

  UserModification(EmulatorState state, Responses responses) {
    this.state = state;
    this.responses = responses;
  }

  /**
   * {@code PATCH /users/{user_id}} with {@code {reference_id?, active?}}: {@code {user, status}}.
   */
  void modifyUser(Context ctx, EmulatorAccount account) {
    String userId = ctx.pathParam("user_id");
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      responses.error(ctx, 400, "the body must be a JSON object with reference_id and/or active");
      return;
    }
    JsonNode referenceId = body.get("reference_id");
    JsonNode active = body.get("active");
    if (referenceId != null && !referenceId.isTextual() && !referenceId.isNull()) {
      responses.error(ctx, 400, "reference_id must be a string");
      return;
    }
    if (referenceId != null && referenceId.isTextual() && referenceId.asText().length() > 256) {
      responses.error(ctx, 400, "reference_id must be at most 256 characters");
      return;
    }
    if (active != null && !active.isBoolean()) {
      responses.error(ctx, 400, "active must be true or false");
      return;
    }
    if (state.user(account.devId(), userId).isEmpty()) {
      // 400, not 404: the legacy spec declares only 400 for an unknown user here
      responses.error(ctx, 400, "user not found");
      return;
    }
    Optional<EmulatedUser> updated =
        state.update(
            userId,
            user -> {
              EmulatedUser changed = user;
              if (referenceId != null) {
                changed =
                    changed.withReferenceId(referenceId.isNull() ? null : referenceId.asText());
              }
              return active == null ? changed : changed.withActive(active.asBoolean());
            });
    if (updated.isEmpty()) {
      responses.error(ctx, 400, "user not found");
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("user", updated.get().toTerraUser());
    answer.put("status", "success");
    Responses.json(ctx, 200, answer);
  }
}
