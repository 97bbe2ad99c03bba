package dev.terraauth.gateway.webhook;

/**
 * The auth lifecycle events the gateway acts on, in the gateway's own terms. Built from core's
 * typed events by {@link AuthEventReader}; everything else is {@link Other}.
 */
public sealed interface AuthEvent {

  /** The webhook {@code type} as delivered. */
  String type();

  /** The Terra user an event is about. Nullable: provider, referenceId, scopes. */
  record User(String userId, String provider, String referenceId, String scopes) {
    public User {
      if (userId == null || userId.isBlank()) {
        throw new IllegalArgumentException("user_id is required");
      }
    }
  }

  /** {@code auth} success. Nullable: widgetSessionId. */
  record Authenticated(User user, String widgetSessionId) implements AuthEvent {
    @Override
    public String type() {
      return "auth";
    }
  }

  /** {@code auth_cancelled}, or the legacy {@code auth} with status error. Nullable: everything. */
  record AuthFailed(String type, String referenceId, String widgetSessionId, String reason)
      implements AuthEvent {}

  /** {@code deauth}. */
  record Deauthenticated(User user) implements AuthEvent {
    @Override
    public String type() {
      return "deauth";
    }
  }

  /** {@code access_revoked}. */
  record AccessRevoked(User user) implements AuthEvent {
    @Override
    public String type() {
      return "access_revoked";
    }
  }

  /** {@code connection_error}. */
  record ConnectionErrored(User user) implements AuthEvent {
    @Override
    public String type() {
      return "connection_error";
    }
  }

  /** {@code permission_change}; the deltas are Terra's comma-separated strings (may be empty). */
  record PermissionChanged(User user, String scopesAdded, String scopesRemoved)
      implements AuthEvent {
    @Override
    public String type() {
      return "permission_change";
    }
  }

  /** {@code user_reauth}. Nullable: oldUser. */
  record Reauthenticated(User newUser, User oldUser) implements AuthEvent {
    @Override
    public String type() {
      return "user_reauth";
    }
  }

  /** Any other type (data events, operational events, future types): acknowledged, ignored. */
  record Other(String type) implements AuthEvent {}
}
