package dev.terraauth.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Webhook payloads in the shapes of contract section 5, per profile. */
final class Events {
  static final String VERSION = "2022-03-16";

  private final Profile profile;

  Events(Profile profile) {
    this.profile = profile;
  }

  Map<String, Object> auth(EmulatedUser user, String flowId, String widgetSessionId) {
    Map<String, Object> json = head("auth", "success");
    json.put("message", "User has successfully authenticated");
    json.put("flow_id", flowId);
    json.put("widget_session_id", widgetSessionId);
    if (profile == Profile.LEGACY) {
      json.put("reference_id", user.referenceId());
    }
    json.put("user", user.toTerraUser());
    return json;
  }

  /** {@code auth_cancelled} (current) or {@code type:auth, status:error} (legacy). */
  Map<String, Object> authFailure(
      AuthFlow flow, String reason, String failedUserId, Provider provider) {
    if (profile == Profile.CURRENT) {
      Map<String, Object> json = head("auth_cancelled", "error");
      json.put("flow_id", flow.flowId());
      json.put("reason", reason);
      json.put("reference_id", flow.referenceId());
      return json;
    }
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("user_id", failedUserId);
    user.put("provider", provider.id());
    user.put("last_webhook_update", null);
    user.put("scopes", null);
    user.put("reference_id", flow.referenceId());
    Map<String, Object> json = head("auth", "error");
    json.put("provider", provider.id());
    json.put("message", "User failed to authenticate and has been deleted");
    json.put("reason", reason);
    json.put("reference_id", flow.referenceId());
    json.put("widget_session_id", flow.widgetSessionId());
    json.put("user", user);
    return json;
  }

  Map<String, Object> deauth(EmulatedUser user) {
    Map<String, Object> json = head("deauth", "success");
    json.put("message", "User has deauthenticated");
    json.put("user", user.withActive(false).toTerraUser());
    return json;
  }

  Map<String, Object> reauth(EmulatedUser newUser, EmulatedUser oldUser) {
    Map<String, Object> json = head("user_reauth", "warning");
    json.put("message", "User has reauthenticated and old ID has been deleted");
    json.put("version", VERSION);
    json.put("new_user", newUser.toTerraUser());
    json.put("old_user", oldUser == null ? null : oldUser.withActive(false).toTerraUser());
    return json;
  }

  Map<String, Object> accessRevoked(EmulatedUser user) {
    Map<String, Object> json = head("access_revoked", "warning");
    json.put("message", "User revoked access");
    json.put("user", user.toTerraUser());
    return json;
  }

  Map<String, Object> connectionError(EmulatedUser user) {
    Map<String, Object> json = head("connection_error", "warning");
    json.put(
        "message",
        profile == Profile.CURRENT
            ? "Connection degraded: the provider rejected Terra's access token;"
                + " the user may need to reauthenticate"
            : "User connection degraded");
    json.put("user", user.toTerraUser());
    return json;
  }

  Map<String, Object> permissionChange(EmulatedUser user, String added, String removed) {
    Map<String, Object> json = head("permission_change", "warning");
    json.put("message", "User permissions have been modified");
    json.put("version", VERSION);
    json.put("scopes_added", added);
    json.put("scopes_removed", removed);
    json.put("user", user.toTerraUser());
    return json;
  }

  private static Map<String, Object> head(String type, String status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("status", status);
    return json;
  }
}
