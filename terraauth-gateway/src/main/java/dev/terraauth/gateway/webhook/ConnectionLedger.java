package dev.terraauth.gateway.webhook;

import dev.terraauth.core.event.AccessRevokedEvent;
import dev.terraauth.core.event.AuthFailureEvent;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.ConnectionErrorEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.event.PermissionChangeEvent;
import dev.terraauth.core.event.UserReauthEvent;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.user.Scopes;
import dev.terraauth.core.user.TerraUser;
import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Applies core's typed auth events to connection state inside the caller's transaction.
 * Ordering-safe: an event older (by X-Terra-Ordering-Timestamp) than what a connection already
 * reflects changes nothing.
 */
public final class ConnectionLedger {
  /** How far back a webhook without a widget session id looks for the session it completes. */
  private static final Duration CORRELATION_WINDOW = Duration.ofMinutes(30);

  private final ConnectionStore connections;
  private final SessionStore sessions;

  public ConnectionLedger(ConnectionStore connections, SessionStore sessions) {
    this.connections = connections;
    this.sessions = sessions;
  }

  /** Applies one event; returns the outcome to record on the delivery. */
  public DeliveryOutcome apply(Handle handle, WebhookEvent event, long orderingMs, long nowMs) {
    if (event instanceof AuthSuccessEvent authenticated) {
      return authenticated(handle, authenticated, orderingMs, nowMs);
    } else if (event instanceof AuthFailureEvent failed) {
      Optional<AuthSession> session =
          correlate(handle, failed.widgetSessionId(), failed.referenceId(), nowMs);
      session.ifPresent(
          s ->
              sessions.settle(
                  handle, s.id(), AuthSession.Outcome.FAILED, failed.reason(), null, nowMs));
      return session.isPresent() ? DeliveryOutcome.APPLIED : DeliveryOutcome.ORPHAN;
    } else if (event instanceof DeauthEvent deauthenticated) {
      return setState(
          handle, deauthenticated.user(), ConnectionState.DEAUTHENTICATED, orderingMs, nowMs);
    } else if (event instanceof AccessRevokedEvent revoked) {
      return setState(handle, revoked.user(), ConnectionState.REVOKED, orderingMs, nowMs);
    } else if (event instanceof ConnectionErrorEvent errored) {
      return setState(handle, errored.user(), ConnectionState.ERROR, orderingMs, nowMs);
    } else if (event instanceof PermissionChangeEvent changed) {
      return permissionChanged(handle, changed, orderingMs, nowMs);
    } else if (event instanceof UserReauthEvent reauthenticated) {
      return reauthenticated(handle, reauthenticated, orderingMs, nowMs);
    }
    return DeliveryOutcome.IGNORED;
  }

  private DeliveryOutcome authenticated(
      Handle handle, AuthSuccessEvent event, long orderingMs, long nowMs) {
    TerraUser user = event.user();
    Optional<AuthSession> session =
        correlate(handle, event.widgetSessionId(), user.referenceId(), nowMs);
    session.ifPresent(
        s ->
            sessions.settle(
                handle, s.id(), AuthSession.Outcome.COMPLETED, null, user.userId(), nowMs));
    String sessionId = session.map(AuthSession::id).orElse(event.widgetSessionId());
    Connection connection =
        new Connection(
            user.userId(),
            user.referenceId(),
            user.provider(),
            ConnectionState.ACTIVE,
            Scopes.sorted(user.scopeSet()),
            null,
            sessionId,
            orderingMs,
            nowMs,
            nowMs);
    return connections.upsert(handle, connection) ? DeliveryOutcome.APPLIED : DeliveryOutcome.STALE;
  }

  private DeliveryOutcome setState(
      Handle handle, TerraUser user, ConnectionState state, long orderingMs, long nowMs) {
    Optional<Connection> existing = connections.find(handle, user.userId());
    Connection next =
        new Connection(
            user.userId(),
            user.referenceId(),
            user.provider(),
            state,
            user.scopes() == null
                ? existing.map(Connection::scopes).orElse(List.of())
                : Scopes.sorted(user.scopeSet()),
            null,
            null,
            orderingMs,
            existing.map(Connection::createdAtMs).orElse(nowMs),
            nowMs);
    return connections.upsert(handle, next) ? DeliveryOutcome.APPLIED : DeliveryOutcome.STALE;
  }

  private DeliveryOutcome permissionChanged(
      Handle handle, PermissionChangeEvent event, long orderingMs, long nowMs) {
    TerraUser user = event.user();
    Optional<Connection> existing = connections.find(handle, user.userId());
    List<String> scopes =
        existing
            .map(c -> Scopes.sorted(event.applyTo(Set.copyOf(c.scopes()))))
            .orElseGet(() -> Scopes.sorted(user.scopeSet()));
    if (user.scopes() != null) {
      // The event's full set already holds these deltas and any earlier event's that arrived
      // late (and was refused as stale): it wins when it disagrees with the deltas.
      scopes = Scopes.sorted(user.scopeSet());
    }
    Connection next =
        new Connection(
            user.userId(),
            user.referenceId(),
            user.provider(),
            existing.map(Connection::state).orElse(ConnectionState.ACTIVE),
            scopes,
            existing.map(Connection::detail).orElse(null),
            null,
            orderingMs,
            existing.map(Connection::createdAtMs).orElse(nowMs),
            nowMs);
    return connections.upsert(handle, next) ? DeliveryOutcome.APPLIED : DeliveryOutcome.STALE;
  }

  private DeliveryOutcome reauthenticated(
      Handle handle, UserReauthEvent event, long orderingMs, long nowMs) {
    TerraUser newUser = event.newUser();
    Optional<String> oldId =
        Optional.ofNullable(event.oldUser())
            .map(TerraUser::userId)
            .or(() -> previousOf(handle, newUser));
    boolean newKnown = connections.find(handle, newUser.userId()).isPresent();
    if (oldId.isPresent() && !oldId.get().equals(newUser.userId())) {
      if (newKnown) {
        connections.delete(handle, oldId.get()); // the auth event for the new id came first
      } else {
        connections.rekey(handle, oldId.get(), newUser.userId());
      }
    }
    Optional<Connection> existing = connections.find(handle, newUser.userId());
    Connection next =
        new Connection(
            newUser.userId(),
            newUser.referenceId(),
            newUser.provider(),
            ConnectionState.ACTIVE,
            Scopes.sorted(newUser.scopeSet()),
            null,
            existing.map(Connection::widgetSessionId).orElse(null),
            orderingMs,
            existing.map(Connection::createdAtMs).orElse(nowMs),
            nowMs);
    connections.upsert(handle, next);
    return DeliveryOutcome.APPLIED;
  }

  /** Without old_user: the other connection of the same (reference id, provider). */
  private Optional<String> previousOf(Handle handle, TerraUser newUser) {
    if (newUser.referenceId() == null || newUser.provider() == null) {
      return Optional.empty();
    }
    return handle
        .createQuery(
            "SELECT terra_user_id FROM connection WHERE reference_id = :ref"
                + " AND provider = :provider AND terra_user_id <> :id"
                + " ORDER BY updated_at_ms DESC LIMIT 1")
        .bind("ref", newUser.referenceId())
        .bind("provider", newUser.provider())
        .bind("id", newUser.userId())
        .mapTo(String.class)
        .findOne();
  }

  /** The session an outcome belongs to: by widget session id, else the user's newest pending. */
  private Optional<AuthSession> correlate(
      Handle handle, String widgetSessionId, String referenceId, long nowMs) {
    if (widgetSessionId != null) {
      Optional<AuthSession> byId = sessions.find(handle, widgetSessionId);
      if (byId.isPresent()) {
        return byId;
      }
    }
    if (referenceId == null) {
      return Optional.empty();
    }
    long since = nowMs - CORRELATION_WINDOW.toMillis();
    Optional<AuthSession> widget =
        sessions.newestPending(handle, referenceId, AuthSession.Kind.WIDGET, since);
    Optional<AuthSession> token =
        sessions.newestPending(handle, referenceId, AuthSession.Kind.MOBILE_TOKEN, since);
    if (widget.isPresent() && token.isPresent()) {
      return widget.get().issuedAtMs() >= token.get().issuedAtMs() ? widget : token;
    }
    return widget.isPresent() ? widget : token;
  }
}
