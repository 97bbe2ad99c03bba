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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;

/**
 * Compares local connection state with Terra ({@code /subscriptions}, then {@code /userInfo} for
 * connections Terra no longer lists) and repairs the drift. One runner at a time: a PostgreSQL
 * advisory lock across gateway instances, a lock in this process on SQLite.
 */
public final class Reconciler {
  /** The PostgreSQL advisory lock key that serialises reconciliation across instances. */
  public static final long ADVISORY_LOCK_KEY = 0x7e77a_a07L;

  /** Terra's page size for {@code /subscriptions}: its default and documented maximum. */
  static final int REMOTE_PAGE_SIZE = 500;

  /** Local connections are compared this many at a time, in terra_user_id order. */
  static final int LOCAL_PAGE_SIZE = 1000;

  /**
   * A runaway guard, not a cap: 20,000 pages are 10 million users. Past it the run fails loudly
   * rather than repairing from a partial list.
   */
  static final int MAX_REMOTE_PAGES = 20_000;

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

  /** What a long run reports as it goes (see {@code ReconcileJobs}). */
  public interface Progress {
    Progress NONE = new Progress() {};

    default void remoteListed(int users) {}

    default void localChecked(int connections) {}
  }

  public Report reconcile() {
    return reconcile(Progress.NONE);
  }

  public Report reconcile(Progress progress) {
    if (!localLock.tryLock()) {
      return new Report(false, 0, List.of());
    }
    try (Handle lockHandle = database.jdbi().open()) {
      if (database.isPostgres() && !tryAdvisoryLock(lockHandle)) {
        return new Report(false, 0, List.of());
      }
      try {
        return compareAndRepair(progress);
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

  /** Every page of {@code /subscriptions}; fails rather than return a partial list. */
  private Map<String, TerraUpstream.RemoteUser> remoteUsers(Progress progress) {
    Map<String, TerraUpstream.RemoteUser> remote = new HashMap<>();
    int page = 0;
    for (int pages = 0; ; pages++) {
      if (pages == MAX_REMOTE_PAGES) {
        throw new IllegalStateException(
            "Terra listed more than "
                + MAX_REMOTE_PAGES
                + " pages of subscriptions; not repairing");
      }
      TerraUpstream.SubscriptionPage result = terra.subscriptions(page, REMOTE_PAGE_SIZE);
      result.users().forEach(user -> remote.putIfAbsent(user.userId(), user));
      progress.remoteListed(remote.size());
      if (result.next() == null) {
        return remote;
      }
      if (result.next() <= page) {
        throw new IllegalStateException(
            "Terra's /subscriptions page " + page + " points back to page " + result.next());
      }
      page = result.next();
    }
  }

  private Report compareAndRepair(Progress progress) {
    Map<String, TerraUpstream.RemoteUser> remote = remoteUsers(progress);
    List<Change> changes = new ArrayList<>();
    Set<String> localIds = new HashSet<>();
    String after = null;
    for (List<Connection> page = connections.pageAfter(null, LOCAL_PAGE_SIZE);
        !page.isEmpty();
        page = connections.pageAfter(after, LOCAL_PAGE_SIZE)) {
      after = page.get(page.size() - 1).terraUserId();
      for (Connection connection : page) {
        localIds.add(connection.terraUserId());
        compare(connection, remote.get(connection.terraUserId()), changes);
      }
      progress.localChecked(localIds.size());
    }
    addMissing(remote, localIds, changes);
    return new Report(true, localIds.size() + remote.size(), changes);
  }

  private void compare(Connection connection, TerraUpstream.RemoteUser user, List<Change> changes) {
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
      changes.add(change(connection, "still listed by Terra although " + connection.state().id()));
    }
  }

  private void addMissing(
      Map<String, TerraUpstream.RemoteUser> remote, Set<String> localIds, List<Change> changes) {
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
