package dev.terraauth.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.testing.TestDatabase;
import org.jdbi.v3.core.Handle;

/**
 * A claim reads only pending messages, however many the endpoint already delivered: its plan goes
 * through the pending-only indexes (V16), not the primary key's walk over the whole history.
 */
final class ClaimPlanContract {
  private ClaimPlanContract() {}

  /** 30,000 delivered messages and 300 pending ones for one endpoint, statistics up to date. */
  static void seed(Handle handle, boolean postgres) {
    handle.execute(
        "INSERT INTO relay_message (endpoint_id, event_seq, terra_user_id, state, attempts,"
            + " retry_index, next_attempt_at_ms, created_at_ms) WITH RECURSIVE g(n) AS (SELECT 1"
            + " UNION ALL SELECT n + 1 FROM g WHERE n < 30300) SELECT 'ep_plan', n, 'user-' || (n"
            + " % 512), CASE WHEN n <= 30000 THEN 'delivered' ELSE 'pending' END, 1, 0, 0, 0 FROM"
            + " g");
    handle.execute(postgres ? "ANALYZE relay_message" : "ANALYZE");
  }

  static String plan(Handle handle, boolean ordered, boolean postgres) {
    String sql = OutboxStore.claimSql(ordered, postgres);
    return String.join(
        "\n",
        handle
            .createQuery((postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql)
            .bind("owner", "plan")
            .bind("until", 10L)
            .bind("ep", "ep_plan")
            .bind("now", 5L)
            .bind("n", 128)
            .map((row, ctx) -> row.getString(postgres ? 1 : 4))
            .list());
  }

  static void assertPendingOnly(TestDatabase database, boolean postgres) {
    database
        .database()
        .jdbi()
        .useHandle(
            handle -> {
              seed(handle, postgres);
              assertThat(plan(handle, false, postgres)).contains("relay_message_pending");
              assertThat(plan(handle, true, postgres))
                  .contains("relay_message_pending ")
                  .contains("relay_message_pending_by_user");
            });
  }
}
