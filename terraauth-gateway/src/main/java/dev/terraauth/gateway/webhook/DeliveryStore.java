package dev.terraauth.gateway.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Verified webhook deliveries ({@code webhook_delivery}) and the dedupe keys that outlive them
 * ({@code webhook_seen}).
 */
public final class DeliveryStore {
  private static final String COLUMNS =
      "dedupe_key, trace_id, signature_id, event_type, outcome, matched_secret, terra_user_id,"
          + " ordering_ts_ms, received_at_ms, body";

  static final RowMapper<WebhookDelivery> MAPPER = DeliveryStore::map;

  private final Jdbi jdbi;

  public DeliveryStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Claims the delivery's dedupe keys inside the caller's transaction: true when none was seen
   * before (the delivery is new), false when any was (a retry, a replay with an invented trace id,
   * or another spelling of the same signature header), leaving nothing of this call behind.
   */
  public boolean claim(Handle handle, WebhookDelivery delivery) {
    List<String> keys = delivery.seenKeys();
    // one statement for both keys; RETURNING tells which of them this call inserted
    StringBuilder sql = new StringBuilder("INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES");
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? " " : ", ").append("(:k").append(i).append(", :at)");
    }
    sql.append(" ON CONFLICT (seen_key) DO NOTHING RETURNING seen_key");
    Query insert = handle.createQuery(sql.toString()).bind("at", delivery.receivedAtMs());
    for (int i = 0; i < keys.size(); i++) {
      insert.bind("k" + i, keys.get(i));
    }
    List<String> claimed = insert.mapTo(String.class).list();
    if (claimed.size() == keys.size()) {
      return true;
    }
    // seen before: take back what this call added, so nothing of a duplicate stays behind
    if (!claimed.isEmpty()) {
      handle
          .createUpdate("DELETE FROM webhook_seen WHERE seen_key IN (<keys>)")
          .bindList("keys", claimed)
          .execute();
    }
    return false;
  }

  /** Stores a claimed delivery with its outcome. */
  public void insert(Handle handle, WebhookDelivery delivery) {
    handle
        .createUpdate(
            "INSERT INTO webhook_delivery ("
                + COLUMNS
                + ") VALUES (:dedupeKey, :traceId, :signatureId, :eventType, :outcomeLabel,"
                + " :matchedSecret, :terraUserId, :orderingTimestampMs, :receivedAtMs, :body)"
                + " ON CONFLICT (dedupe_key) DO NOTHING")
        .bindMethods(delivery)
        .execute();
  }

  public Optional<WebhookDelivery> find(String dedupeKey) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM webhook_delivery WHERE dedupe_key = :k")
                .bind("k", dedupeKey)
                .map(MAPPER)
                .findOne());
  }

  public List<WebhookDelivery> recent(int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM webhook_delivery ORDER BY received_at_ms DESC LIMIT :n")
                .bind("n", limit)
                .map(MAPPER)
                .list());
  }

  public long count() {
    return count("webhook_delivery");
  }

  /** Dedupe keys currently kept. */
  public long seenCount() {
    return count("webhook_seen");
  }

  private long count(String table) {
    return jdbi.withHandle(
        handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  /**
   * Deletes at most {@code limit} deliveries received before {@code beforeMs}; returns how many.
   */
  public int pruneDeliveries(Handle handle, long beforeMs, int limit) {
    return handle
        .createUpdate(
            "DELETE FROM webhook_delivery WHERE dedupe_key IN (SELECT dedupe_key FROM"
                + " webhook_delivery WHERE received_at_ms < :before ORDER BY received_at_ms"
                + " LIMIT :n)")
        .bind("before", beforeMs)
        .bind("n", limit)
        .execute();
  }

  /** Deletes at most {@code limit} dedupe keys first seen before {@code beforeMs}. */
  public int pruneSeen(Handle handle, long beforeMs, int limit) {
    return handle
        .createUpdate(
            "DELETE FROM webhook_seen WHERE seen_key IN (SELECT seen_key FROM webhook_seen"
                + " WHERE seen_at_ms < :before ORDER BY seen_at_ms LIMIT :n)")
        .bind("before", beforeMs)
        .bind("n", limit)
        .execute();
  }

  private static WebhookDelivery map(ResultSet row, StatementContext context) throws SQLException {
    long ordering = row.getLong("ordering_ts_ms");
    Long orderingTimestamp = row.wasNull() ? null : ordering;
    return new WebhookDelivery(
        row.getString("dedupe_key"),
        row.getString("trace_id"),
        row.getString("signature_id"),
        row.getString("event_type"),
        DeliveryOutcome.ofLabel(row.getString("outcome")),
        row.getString("matched_secret"),
        row.getString("terra_user_id"),
        orderingTimestamp,
        row.getLong("received_at_ms"),
        row.getString("body"));
  }
}
