package dev.terraauth.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.relay.AttemptResult;
import dev.terraauth.gateway.relay.OutboundMessage;
import dev.terraauth.gateway.relay.OutboxStore;
import dev.terraauth.gateway.relay.RelaySignal;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.gateway.webhook.DeliveryStore;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The attempt record and retention's batch deletes keep using their indexes after a table grew on
 * one connection, without an ANALYZE in between (autovacuum is off on CI's server, and a new table
 * has no statistics before its first pass). A plan cached while the table was small scanned it
 * whole: each attempt record read every message to update a few. Counted from PostgreSQL's own
 * per-transaction statistics ({@code pg_stat_xact_user_tables}), not from timings. Skipped without
 * TERRAAUTH_TEST_POSTGRES_URL.
 */
class PostgresPlansAfterGrowthIT {
  private static final String OWNER = "relay-plan";
  private static final String ENDPOINT = "ep_plan";

  @Test
  void attemptRecordsStayOnTheIndexAsTheOutboxGrows() {
    try (TestDatabase database = TestDatabase.postgres()) {
      OutboxStore outbox =
          new OutboxStore(database.database().jdbi(), true, new RelaySignal(), Clock.systemUTC());
      database
          .database()
          .jdbi()
          .useHandle(
              handle -> {
                insertLeased(handle, 1, 20);
                // one connection, used often while the table is small: pgjdbc prepares the
                // statements on the server from the fifth use, PostgreSQL plans them generically
                // from the sixth
                for (long seq = 1; seq <= 15; seq++) {
                  record(outbox, handle, seq);
                }
                insertLeased(handle, 21, 30_000);

                assertThat(sequentialScansOfTheOutbox(handle, () -> record(outbox, handle, 25)))
                    .as("sequential scans of relay_message by one attempt record")
                    .isZero();
              });
    }
  }

  @Test
  void retentionStaysOnTheTimeIndexAsTheDedupeKeysGrow() {
    try (TestDatabase database = TestDatabase.postgres()) {
      DeliveryStore deliveries = new DeliveryStore(database.database().jdbi(), true);
      database
          .database()
          .jdbi()
          .useHandle(
              handle -> {
                insertSeen(handle, 1, 20);
                // a batch of 10 out of 30,000 rows: an index's work by any estimate (with a batch
                // near the table's size a scan can be the better plan, and is chosen)
                for (int run = 0; run < 15; run++) {
                  deliveries.pruneSeen(handle, 0L, 10); // nothing that old
                }
                insertSeen(handle, 21, 30_000);

                assertThat(
                        sequentialScans(
                            handle, "webhook_seen", () -> deliveries.pruneSeen(handle, 1010L, 10)))
                    .as("sequential scans of webhook_seen by one retention batch")
                    .isZero();
              });
    }
  }

  private static void insertSeen(Handle handle, long first, long last) {
    handle.execute(
        "INSERT INTO webhook_seen (seen_key, seen_at_ms) SELECT 'trace:' || md5(n::text), 1000 + n"
            + " FROM generate_series(?::bigint, ?::bigint) AS n",
        first,
        last);
  }

  /** Messages first to last, leased by {@link #OWNER}; pending but not due (next attempt later). */
  private static void insertLeased(Handle handle, long first, long last) {
    handle.execute(
        "INSERT INTO relay_message (endpoint_id, event_seq, terra_user_id, state, attempts,"
            + " retry_index, next_attempt_at_ms, created_at_ms, lease_owner, lease_until_ms)"
            + " SELECT ?, n, 'user-' || (n % 64), 'pending', 1, 0, 5000, 0, ?, 99999 FROM"
            + " generate_series(?::bigint, ?::bigint) AS n",
        ENDPOINT, OWNER, first, last);
  }

  private static void record(OutboxStore outbox, Handle handle, long seq) {
    OutboundMessage message =
        new OutboundMessage(ENDPOINT, seq, "evt_" + seq, null, "activity", null, 0, "{}", 1, 0, 0);
    outbox.record(
        handle,
        List.of(
            new OutboxStore.Outcome(
                new AttemptResult(message, 1, 2, 204, null), "delivered", 0, 0)),
        OWNER,
        1_000L,
        0L);
  }

  private static long sequentialScansOfTheOutbox(Handle handle, Runnable statement) {
    return sequentialScans(handle, "relay_message", statement);
  }

  private static long sequentialScans(Handle handle, String table, Runnable statement) {
    // the backend's counts not yet flushed to the cumulative view, which may include earlier
    // transactions' (a flush happens only between transactions, at most once a second): so the
    // difference across the statement, inside one transaction
    return handle.inTransaction(
        transaction -> {
          long before = pendingSequentialScans(transaction, table);
          statement.run();
          return pendingSequentialScans(transaction, table) - before;
        });
  }

  private static long pendingSequentialScans(Handle handle, String table) {
    return handle
        .createQuery(
            "SELECT COALESCE(SUM(seq_scan), 0) FROM pg_stat_xact_user_tables WHERE relname ="
                + " :table AND schemaname = current_schema()")
        .bind("table", table)
        .mapTo(Long.class)
        .one();
  }
}
