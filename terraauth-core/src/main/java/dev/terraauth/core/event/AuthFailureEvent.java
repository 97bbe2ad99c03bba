package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.TerraUser;

/**
 * An authentication flow failed or was cancelled; no connection exists. Terra sends it in two
 * shapes ({@link Shape}). Nullable: reason (free text such as {@code access_denied} or {@code
 * missing_scopes}), referenceId, flowId, message, provider, widgetSessionId, deletedUser (legacy
 * only: the user Terra created and deleted again).
 */
public record AuthFailureEvent(
    Shape shape,
    String type,
    String status,
    String reason,
    String referenceId,
    String flowId,
    String message,
    String provider,
    String widgetSessionId,
    TerraUser deletedUser,
    JsonNode raw)
    implements WebhookEvent {
  /** The current type, {@code auth_cancelled}. */
  public static final String CURRENT_TYPE = "auth_cancelled";

  /** Which of Terra's two auth-failure shapes was received. */
  public enum Shape {
    /** {@code type: auth_cancelled, status: error} (since June 2026). */
    CURRENT,
    /** {@code type: auth, status: error}, with the deleted {@code user}. */
    LEGACY
  }
}
