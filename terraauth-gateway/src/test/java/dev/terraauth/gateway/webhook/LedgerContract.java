package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.event.AccessRevokedEvent;
import dev.terraauth.core.event.AuthFailureEvent;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.ConnectionErrorEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.event.PassThroughEvent;
import dev.terraauth.core.event.PermissionChangeEvent;
import dev.terraauth.core.event.UserReauthEvent;
import dev.terraauth.core.user.Scopes;
import dev.terraauth.core.user.TerraUser;
import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.GroupCommitWriter;
import dev.terraauth.gateway.store.SessionStore;
import dev.terraauth.gateway.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persistence and state-machine behaviour, run on SQLite and on PostgreSQL. */
abstract class LedgerContract {
  static TestDatabase database;

  ConnectionStore connections;
  SessionStore sessions;
  DeliveryStore deliveries;
  WebhookInbox inbox;
  GroupCommitWriter writer;

  void wire() {
    TestDatabase.assumeConfigured(database);
    connections = new ConnectionStore(database.database().jdbi());
    sessions = new SessionStore(database.database().jdbi());
    deliveries = new DeliveryStore(database.database().jdbi());
    writer =
        new GroupCommitWriter(database.database().jdbi(), 16, Duration.ZERO, 100, (n, t) -> {});
    inbox = new WebhookInbox(writer, deliveries, new ConnectionLedger(connections, sessions));
  }

  @AfterEach
  void stopWriter() {
    if (writer != null) {
      writer.close();
    }
  }

  @AfterAll
  static void closeDatabase() {
    if (database != null) {
      database.close();
      database = null;
    }
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  static WebhookDelivery delivery(String traceId, String type, Long orderingMs, long receivedMs) {
    return new WebhookDelivery(
        traceId,
        traceId,
        id(),
        type,
        DeliveryOutcome.IGNORED,
        "testing#1 (fingerprint 00000000)",
        null,
        orderingMs,
        receivedMs,
        "{\"type\":\"" + type + "\"}");
  }

  static TerraUser user(String userId, String reference, String scopes) {
    return new TerraUser(userId, "GARMIN", null, null, scopes, reference, true);
  }

  static AuthSuccessEvent authenticated(TerraUser user, String widgetSessionId) {
    return new AuthSuccessEvent("success", user, null, null, widgetSessionId, null);
  }

  static DeauthEvent deauthenticated(TerraUser user) {
    return new DeauthEvent("success", user, null, null);
  }

  static AccessRevokedEvent accessRevoked(TerraUser user) {
    return new AccessRevokedEvent("warning", user, null, null);
  }

  static ConnectionErrorEvent connectionErrored(TerraUser user) {
    return new ConnectionErrorEvent("warning", user, null, null);
  }

  static PermissionChangeEvent permissionChanged(TerraUser user, String added, String removed) {
    return new PermissionChangeEvent(
        "success", user, null, null, Scopes.parse(added), Scopes.parse(removed), null);
  }

  static UserReauthEvent reauthenticated(TerraUser newUser, TerraUser oldUser) {
    return new UserReauthEvent("success", newUser, oldUser, null, null, null);
  }

  static AuthFailureEvent authCancelled(String referenceId, String reason) {
    return new AuthFailureEvent(
        AuthFailureEvent.Shape.CURRENT,
        AuthFailureEvent.CURRENT_TYPE,
        "error",
        reason,
        referenceId,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static PassThroughEvent passThrough(String type) {
    return new PassThroughEvent(type, null, PassThroughEvent.Category.DATA, null);
  }

  @Test
  void authEventActivatesConnectionAndCompletesItsWidgetSession() {
    String ref = "user-" + id();
    String session = id();
    sessions.insert(
        new AuthSession(
            session,
            AuthSession.Kind.WIDGET,
            ref,
            id(),
            1_000,
            901_000,
            AuthSession.Outcome.PENDING,
            null,
            null,
            null,
            null,
            null));
    String terraUser = id();

    WebhookInbox.Receipt receipt =
        inbox.receive(
            delivery(id(), "auth", 2_000L, 2_000),
            authenticated(user(terraUser, ref, "B,A"), session));

    assertThat(receipt).isEqualTo(new WebhookInbox.Receipt(DeliveryOutcome.APPLIED));
    Connection connection = connections.find(terraUser).orElseThrow();
    assertThat(connection.state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(connection.scopes()).containsExactly("A", "B");
    assertThat(connection.widgetSessionId()).isEqualTo(session);
    AuthSession settled = sessions.find(session).orElseThrow();
    assertThat(settled.outcome()).isEqualTo(AuthSession.Outcome.COMPLETED);
    assertThat(settled.terraUserId()).isEqualTo(terraUser);
  }

  @Test
  void aDeliveryReceivedTwiceIsStoredAndAppliedOnce() {
    String terraUser = id();
    String trace = id();
    inbox.receive(
        delivery(trace, "auth", 1_000L, 1_000), authenticated(user(terraUser, "r", "A"), null));
    inbox.receive(
        delivery(id(), "deauth", 2_000L, 2_000), deauthenticated(user(terraUser, "r", "A")));

    WebhookInbox.Receipt replay =
        inbox.receive(
            delivery(trace, "auth", 3_000L, 3_000), authenticated(user(terraUser, "r", "A"), null));

    assertThat(replay.duplicate()).isTrue();
    assertThat(connections.find(terraUser).orElseThrow().state())
        .isEqualTo(ConnectionState.DEAUTHENTICATED);
    assertThat(deliveries.find(trace).orElseThrow().outcome()).isEqualTo(DeliveryOutcome.APPLIED);
  }

  @Test
  void theSameDeliveryTwiceInOneBatchIsStoredAndAppliedOnce() {
    String terraUser = id();
    WebhookDelivery twice = delivery(id(), "auth", 1_000L, 1_000);
    var first = inbox.submit(twice, authenticated(user(terraUser, "r", "A"), null));
    var second = inbox.submit(twice, authenticated(user(terraUser, "r", "A"), null));

    assertThat(List.of(first.join().outcome(), second.join().outcome()))
        .containsExactlyInAnyOrder(DeliveryOutcome.APPLIED, DeliveryOutcome.DUPLICATE);
    assertThat(deliveries.find(twice.dedupeKey())).isPresent();
  }

  @Test
  void anOlderEventArrivingLateChangesNothing() {
    String terraUser = id();
    inbox.receive(
        delivery(id(), "deauth", 5_000L, 5_000), deauthenticated(user(terraUser, "r", "A")));

    WebhookInbox.Receipt late =
        inbox.receive(
            delivery(id(), "auth", 4_000L, 6_000), authenticated(user(terraUser, "r", "A"), null));

    assertThat(late.outcome()).isEqualTo(DeliveryOutcome.STALE);
    assertThat(connections.find(terraUser).orElseThrow().state())
        .isEqualTo(ConnectionState.DEAUTHENTICATED);
  }

  @Test
  void revokedErrorAndPermissionChangeAreApplied() {
    String terraUser = id();
    inbox.receive(delivery(id(), "auth", 1L, 1), authenticated(user(terraUser, "r", "A,B"), null));
    inbox.receive(
        delivery(id(), "permission_change", 2L, 2),
        permissionChanged(user(terraUser, "r", null), "C", "A"));
    assertThat(connections.find(terraUser).orElseThrow().scopes()).containsExactly("B", "C");
    inbox.receive(
        delivery(id(), "permission_change", 3L, 3),
        permissionChanged(user(terraUser, "r", "B,C,D"), "D", ""));
    assertThat(connections.find(terraUser).orElseThrow().scopes()).containsExactly("B", "C", "D");
    // an older event that arrives late changes nothing: the newer full set already covers it
    WebhookInbox.Receipt late =
        inbox.receive(
            delivery(id(), "permission_change", 2L, 4),
            permissionChanged(user(terraUser, "r", "B,C"), "", "D"));
    assertThat(late.outcome()).isEqualTo(DeliveryOutcome.STALE);
    assertThat(connections.find(terraUser).orElseThrow().scopes()).containsExactly("B", "C", "D");

    inbox.receive(
        delivery(id(), "connection_error", 5L, 5), connectionErrored(user(terraUser, "r", null)));
    assertThat(connections.find(terraUser).orElseThrow().state()).isEqualTo(ConnectionState.ERROR);

    inbox.receive(
        delivery(id(), "access_revoked", 6L, 6), accessRevoked(user(terraUser, "r", null)));
    Connection revoked = connections.find(terraUser).orElseThrow();
    assertThat(revoked.state()).isEqualTo(ConnectionState.REVOKED);
    assertThat(revoked.scopes()).containsExactly("B", "C", "D");
  }

  @Test
  void reauthReKeysTheOldConnection() {
    String ref = "user-" + id();
    String oldId = id();
    String newId = id();
    inbox.receive(delivery(id(), "auth", 1L, 1), authenticated(user(oldId, ref, "A"), null));

    inbox.receive(
        delivery(id(), "user_reauth", 2L, 2),
        reauthenticated(user(newId, ref, "A"), user(oldId, ref, "A")));

    assertThat(connections.find(oldId)).isEmpty();
    assertThat(connections.find(newId).orElseThrow().state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(connections.byReference(ref)).hasSize(1);
  }

  @Test
  void reauthWithoutOldUserMatchesReferenceAndProviderAndToleratesAuthFirst() {
    String ref = "user-" + id();
    String oldId = id();
    String newId = id();
    inbox.receive(delivery(id(), "auth", 1L, 1), authenticated(user(oldId, ref, "A"), null));
    inbox.receive(delivery(id(), "auth", 2L, 2), authenticated(user(newId, ref, "A"), null));

    inbox.receive(
        delivery(id(), "user_reauth", 2L, 2), reauthenticated(user(newId, ref, "A"), null));

    assertThat(connections.byReference(ref))
        .extracting(Connection::terraUserId)
        .containsExactly(newId);
  }

  @Test
  void failureSettlesTheNewestPendingSessionOfTheUser() {
    String ref = "user-" + id();
    String token = id();
    sessions.insert(
        new AuthSession(
            token,
            AuthSession.Kind.MOBILE_TOKEN,
            ref,
            null,
            10_000,
            190_000,
            AuthSession.Outcome.PENDING,
            null,
            null,
            null,
            null,
            null));

    WebhookInbox.Receipt receipt =
        inbox.receive(
            delivery(id(), "auth_cancelled", 20_000L, 20_000), authCancelled(ref, "access_denied"));

    assertThat(receipt.outcome()).isEqualTo(DeliveryOutcome.APPLIED);
    AuthSession failed = sessions.find(token).orElseThrow();
    assertThat(failed.outcome()).isEqualTo(AuthSession.Outcome.FAILED);
    assertThat(failed.outcomeDetail()).isEqualTo("access_denied");
    assertThat(connections.byReference(ref)).isEmpty();
  }

  @Test
  void unknownTypesAreStoredAndChangeNothing() {
    String trace = id();
    long before = deliveries.count();

    WebhookInbox.Receipt receipt =
        inbox.receive(delivery(trace, "activity", 1L, 1), passThrough("activity"));

    assertThat(receipt.outcome()).isEqualTo(DeliveryOutcome.IGNORED);
    assertThat(deliveries.count()).isEqualTo(before + 1);
  }

  @Test
  void sessionsKeepEveryFieldAndAreFoundNewestFirst() {
    String ref = "user-" + id();
    AuthSession full =
        new AuthSession(
            id(),
            AuthSession.Kind.WIDGET,
            ref,
            "nonce-" + id(),
            2_000L,
            182_000L,
            AuthSession.Outcome.COMPLETED,
            "GARMIN",
            "https://app.example/return",
            "success",
            "terra-" + id(),
            3_000L);
    AuthSession bare =
        new AuthSession(
            id(),
            AuthSession.Kind.MOBILE_TOKEN,
            ref,
            null,
            1_000L,
            181_000L,
            AuthSession.Outcome.PENDING,
            null,
            null,
            null,
            null,
            null);
    sessions.insert(full);
    sessions.insert(bare);

    assertThat(sessions.find(full.id())).contains(full);
    assertThat(sessions.find(bare.id())).contains(bare);
    assertThat(sessions.findByNonce(full.returnNonce())).contains(full);
    assertThat(sessions.byReference(ref, 10)).containsExactly(full, bare);
    assertThat(sessions.byReference(ref, 1)).containsExactly(full);
    database
        .database()
        .jdbi()
        .useHandle(
            handle -> {
              assertThat(sessions.newestPending(handle, ref, AuthSession.Kind.MOBILE_TOKEN, 0L))
                  .contains(bare);
              assertThat(sessions.newestPending(handle, ref, AuthSession.Kind.WIDGET, 0L))
                  .isEmpty();
            });
  }
}
