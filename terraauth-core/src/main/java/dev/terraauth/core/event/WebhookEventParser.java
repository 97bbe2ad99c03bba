package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.user.Scopes;
import dev.terraauth.core.user.TerraUser;
import java.io.IOException;

/**
 * Parses a (verified) webhook body into a {@link WebhookEvent}. Tolerant where Terra's shapes vary:
 * both auth-failure shapes, a legacy top-level {@code reference_id}, null messages, missing
 * optional fields, unknown fields and unknown types (a {@link PassThroughEvent}). Strict only where
 * a receiver could not act: a body that is not a JSON object, no {@code type}, or a known auth
 * event without the user it is about. Stateless and thread-safe.
 */
public final class WebhookEventParser {
  private WebhookEventParser() {}

  /**
   * Parses an event.
   *
   * @param body the raw body
   * @return the typed event
   * @throws WebhookVerificationException with {@link Reason#MALFORMED_PAYLOAD} (never anything
   *     else) when the body is null, not JSON, not an object, has no textual {@code type}, or a
   *     known auth event lacks its user
   */
  public static WebhookEvent parse(byte[] body) {
    if (body == null) {
      throw malformed("no body");
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_PAYLOAD, "the body is not valid JSON", e);
    }
    return parse(root);
  }

  /**
   * Parses an already-read JSON tree; see {@link #parse(byte[])}.
   *
   * @param root the parsed body
   * @return the typed event
   */
  public static WebhookEvent parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw malformed("the body is not a JSON object");
    }
    JsonNode typeNode = root.get("type");
    if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isBlank()) {
      throw malformed("the event has no textual 'type'");
    }
    String type = typeNode.asText();
    String status = text(root, "status");
    String message = text(root, "message");
    return switch (type) {
      case AuthSuccessEvent.TYPE ->
          "error".equals(status)
              ? authFailure(AuthFailureEvent.Shape.LEGACY, type, status, root)
              : new AuthSuccessEvent(
                  status,
                  user(root, "user", true),
                  message,
                  text(root, "flow_id"),
                  text(root, "widget_session_id"),
                  root);
      case AuthFailureEvent.CURRENT_TYPE ->
          authFailure(AuthFailureEvent.Shape.CURRENT, type, status, root);
      case DeauthEvent.TYPE -> new DeauthEvent(status, user(root, "user", true), message, root);
      case AccessRevokedEvent.TYPE ->
          new AccessRevokedEvent(status, user(root, "user", true), message, root);
      case ConnectionErrorEvent.TYPE ->
          new ConnectionErrorEvent(status, user(root, "user", true), message, root);
      case UserReauthEvent.TYPE ->
          new UserReauthEvent(
              status,
              user(root, "new_user", true),
              user(root, "old_user", false),
              message,
              text(root, "version"),
              root);
      case PermissionChangeEvent.TYPE ->
          new PermissionChangeEvent(
              status,
              user(root, "user", true),
              message,
              text(root, "version"),
              Scopes.parse(text(root, "scopes_added")),
              Scopes.parse(text(root, "scopes_removed")),
              root);
      default -> new PassThroughEvent(type, status, PassThroughEvent.categoryOf(type), root);
    };
  }

  private static AuthFailureEvent authFailure(
      AuthFailureEvent.Shape shape, String type, String status, JsonNode root) {
    TerraUser deletedUser = user(root, "user", false);
    String referenceId = text(root, "reference_id");
    String provider = text(root, "provider");
    return new AuthFailureEvent(
        shape,
        type,
        status,
        text(root, "reason"),
        referenceId != null || deletedUser == null ? referenceId : deletedUser.referenceId(),
        text(root, "flow_id"),
        text(root, "message"),
        provider != null || deletedUser == null ? provider : deletedUser.provider(),
        text(root, "widget_session_id"),
        deletedUser,
        root);
  }

  /**
   * The user under {@code field}; its reference id falls back to the legacy top-level one. A
   * required user that is missing or incomplete is a malformed payload; an optional one is null.
   */
  private static TerraUser user(JsonNode root, String field, boolean required) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw malformed("'" + field + "' is missing");
      }
      return null;
    }
    if (!node.isObject()) {
      throw malformed("'" + field + "' is not an object");
    }
    String userId = text(node, "user_id");
    String provider = text(node, "provider");
    if (userId == null || userId.isBlank() || provider == null || provider.isBlank()) {
      if (required) {
        throw malformed("'" + field + "' has no user_id or provider");
      }
      return null;
    }
    String referenceId = text(node, "reference_id");
    return new TerraUser(
        userId,
        provider,
        text(node, "created_at"),
        text(node, "last_webhook_update"),
        text(node, "scopes"),
        referenceId != null ? referenceId : text(root, "reference_id"),
        bool(node, "active"));
  }

  /** Text of a scalar field; null when missing or JSON null; objects and arrays are malformed. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isContainerNode()) {
      throw malformed("'" + field + "' is not a string");
    }
    return value.asText();
  }

  private static Boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && ("true".equals(value.asText()) || "false".equals(value.asText()))) {
      return Boolean.valueOf(value.asText());
    }
    throw malformed("'" + field + "' is not a boolean");
  }

  private static WebhookVerificationException malformed(String detail) {
    return new WebhookVerificationException(Reason.MALFORMED_PAYLOAD, detail);
  }
}
