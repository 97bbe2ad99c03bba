package dev.terraauth.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The relay's statements keep using the outbox's indexes after it grew on one connection, without
 * an ANALYZE in between (autovacuum is off on CI's server, and a new table has no statistics before
 * its first pass). A plan cached while the table was small scanned it whole: each attempt record
 * read every message to update a few. Counted from PostgreSQL's own per-transaction statistics
 * ({@code pg_stat_xact_user_tables}), not from timings. Skipped without
 * TERRAAUTH_TEST_POSTGRES_URL.
 */
class PostgresPlanAfterGrowthIT {
  private static final String OWNER = "relay-plan";
  private static final String ENDPOINT = "ep_plan";

  @Test
  void recordsAndClaimsStayOnTheIndexesAsTheOutboxGrows() {
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
                  outbox.claim(handle, ENDPOINT, false, 4, OWNER, 1_000L, 60_000L);
                }
                insertLeased(handle, 21, 30_000);

                assertThat(sequentialScansOfTheOutbox(handle, () -> record(outbox, handle, 25)))
                    .as("sequential scans of relay_message by one attempt record")
                    .isZero();
                assertThat(
                        sequentialScansOfTheOutbox(
                            handle,
                            () -> outbox.claim(handle, ENDPOINT, true, 4, OWNER, 1_000L, 60L)))
                    .as("sequential scans of relay_message by one claim")
                    .isZero();
              });
    }
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
    return handle.inTransaction(
        transaction -> {
          statement.run();
          // this transaction's own counts (the cumulative view is flushed only later)
          return transaction
              .createQuery(
                  "SELECT COALESCE(SUM(seq_scan), 0) FROM pg_stat_xact_user_tables WHERE relname"
                      + " = 'relay_message' AND schemaname = current_schema()")
              .mapTo(Long.class)
              .one();
        });
  }
}
