package dev.terraauth.gateway.service;

import dev.terraauth.core.user.Scopes;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.Database;
import dev.terraauth.gateway.terra.TerraUpstream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Compares local connection state with Terra ({@code /subscriptions}, then {@code /userInfo} for
 * connections Terra no longer lists) and repairs the drift. One runner at a time: a PostgreSQL
 * advisory lock across gateway instances, a lock in this process on SQLite.
 */
public final class Reconciler {
  /** The PostgreSQL advisory lock key that serialises reconciliation across instances. */
  public static final long ADVISORY_LOCK_KEY = 0x7e77a_a07L;

  private static final Set<ConnectionState> LIVE =
      EnumSet.of(ConnectionState.ACTIVE, ConnectionState.ERROR);

  private final Database database;
  private final ConnectionStore connections;
  private final TerraUpstream terra;
  private final Clock clock;
  private final ReentrantLock localLock = new ReentrantLock();

  public Reconciler(
      Database database, ConnectionStore connections, TerraUpstream terra, Clock clock) {
    this.database = database;
    this.connections = connections;
    this.terra = terra;
    this.clock = clock;
  }

  /** One repaired or noticed difference. */
  public record Change(String terraUserId, String referenceId, String change) {}

  /** {@code ran} is false when another runner held the lock. */
  public record Report(boolean ran, int checked, List<Change> changes) {}

  public Report reconcile() {
    if (!localLock.tryLock()) {
      return new Report(false, 0, List.of());
    }
    try (Handle lockHandle = database.jdbi().open()) {
      if (database.isPostgres() && !tryAdvisoryLock(lockHandle)) {
        return new Report(false, 0, List.of());
      }
      try {
        return compareAndRepair();
      } finally {
        if (database.isPostgres()) {
          lockHandle
              .createQuery("SELECT pg_advisory_unlock(:key)")
              .bind("key", ADVISORY_LOCK_KEY)
              .mapTo(Boolean.class)
              .one();
        }
      }
    } finally {
      localLock.unlock();
    }
  }

  private static boolean tryAdvisoryLock(Handle handle) {
    return handle
        .createQuery("SELECT pg_try_advisory_lock(:key)")
        .bind("key", ADVISORY_LOCK_KEY)
        .mapTo(Boolean.class)
        .one();
  }

  private Report compareAndRepair() {
    Map<String, TerraUpstream.RemoteUser> remote =
        terra.subscriptions().stream()
            .collect(
                Collectors.toMap(
                    TerraUpstream.RemoteUser::userId, Function.identity(), (a, b) -> a));
    List<Connection> local = connections.all(100_000);
    List<Change> changes = new ArrayList<>();
    Set<String> localIds = local.stream().map(Connection::terraUserId).collect(Collectors.toSet());
    for (Connection connection : local) {
      TerraUpstream.RemoteUser user = remote.get(connection.terraUserId());
      if (user == null && LIVE.contains(connection.state())) {
        Optional<TerraUpstream.RemoteUser> info = terra.userInfo(connection.terraUserId());
        if (info.isEmpty() || Boolean.FALSE.equals(info.get().authenticated())) {
          write(
              connection,
              ConnectionState.DEAUTHENTICATED,
              connection.scopes(),
              "reconciled: unknown to Terra");
          changes.add(change(connection, "deauthenticated: Terra no longer knows it"));
        }
      } else if (user != null && LIVE.contains(connection.state())) {
        List<String> scopes = Scopes.sorted(Scopes.parse(user.scopes()));
        if (user.scopes() != null && !scopes.equals(connection.scopes())) {
          write(connection, connection.state(), scopes, connection.detail());
          changes.add(change(connection, "scopes updated to " + Scopes.format(scopes)));
        }
      } else if (user != null) {
        changes.add(
            change(connection, "still listed by Terra although " + connection.state().id()));
      }
    }
    for (TerraUpstream.RemoteUser user : remote.values()) {
      if (!localIds.contains(user.userId())) {
        long now = clock.millis();
        database
            .jdbi()
            .useTransaction(
                handle ->
                    connections.upsert(
                        handle,
                        new Connection(
                            user.userId(),
                            user.referenceId(),
                            user.provider(),
                            ConnectionState.ACTIVE,
                            Scopes.sorted(Scopes.parse(user.scopes())),
                            "reconciled: missing locally",
                            null,
                            now,
                            now,
                            now)));
        changes.add(new Change(user.userId(), user.referenceId(), "added: known to Terra only"));
      }
    }
    return new Report(true, local.size() + remote.size(), changes);
  }

  private void write(
      Connection connection, ConnectionState state, List<String> scopes, String detail) {
    long now = clock.millis();
    database
        .jdbi()
        .useTransaction(
            handle ->
                connections.upsert(
                    handle,
                    new Connection(
                        connection.terraUserId(),
                        connection.referenceId(),
                        connection.provider(),
                        state,
                        scopes,
                        detail,
                        connection.widgetSessionId(),
                        Math.max(now, connection.orderingTimestampMs()),
                        connection.createdAtMs(),
                        now)));
  }

  private static Change change(Connection connection, String what) {
    return new Change(connection.terraUserId(), connection.referenceId(), what);
  }
}
