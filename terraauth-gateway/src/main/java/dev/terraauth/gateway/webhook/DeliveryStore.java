package dev.terraauth.gateway.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
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
   * Claims the dedupe keys of a batch of deliveries inside the caller's transaction, in one
   * prepared batch (one statement, compiled once per connection, executed for each key; one round
   * trip on PostgreSQL): for each delivery (in order), true when none of its keys was seen before
   * or by an earlier delivery of the batch (it is new), false when any was (a retry, a replay with
   * an invented trace id, or another spelling of the same signature header). Keys that only a
   * duplicate brought are taken back, so nothing of it stays behind. Keys are inserted in sorted
   * order, so instances sharing a database lock them in one order.
   */
  public List<Boolean> claimAll(Handle handle, List<WebhookDelivery> deliveries) {
    TreeMap<String, Long> keys = new TreeMap<>();
    for (WebhookDelivery delivery : deliveries) {
      for (String key : delivery.seenKeys()) {
        keys.putIfAbsent(key, delivery.receivedAtMs());
      }
    }
    Set<String> inserted = new HashSet<>(keys.size() * 2);
    if (!keys.isEmpty()) {
      PreparedBatch insert =
          handle.prepareBatch(
              "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (:k, :t)"
                  + " ON CONFLICT (seen_key) DO NOTHING");
      List<String> order = new ArrayList<>(keys.size());
      for (Map.Entry<String, Long> key : keys.entrySet()) {
        insert.bind("k", key.getKey()).bind("t", key.getValue()).add();
        order.add(key.getKey());
      }
      int[] counts = insert.execute();
      if (counts.length != order.size()) {
        throw new IllegalStateException("the dedupe key batch returned the wrong number of counts");
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] < 0) {
          // a driver that does not report per-row counts cannot tell new keys from seen ones
          throw new IllegalStateException("the database did not report which dedupe keys are new");
        }
        if (counts[i] > 0) {
          inserted.add(order.get(i));
        }
      }
    }
    List<Boolean> fresh = new ArrayList<>(deliveries.size());
    Set<String> taken = new HashSet<>();
    List<String> takeBack = new ArrayList<>();
    for (WebhookDelivery delivery : deliveries) {
      List<String> own = delivery.seenKeys();
      boolean isNew = inserted.containsAll(own) && own.stream().noneMatch(taken::contains);
      if (isNew) {
        taken.addAll(own);
      } else {
        for (String key : own) {
          if (inserted.contains(key) && taken.add(key)) {
            takeBack.add(key); // this statement inserted it, for a duplicate
          }
        }
      }
      fresh.add(isNew);
    }
    if (!takeBack.isEmpty()) {
      handle
          .createUpdate("DELETE FROM webhook_seen WHERE seen_key IN (<keys>)")
          .bindList("keys", takeBack)
          .execute();
    }
    return fresh;
  }

  /** Stores claimed deliveries with their outcomes, as one prepared batch. */
  public void insertAll(Handle handle, List<WebhookDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO webhook_delivery ("
                + COLUMNS
                + ") VALUES (:dedupeKey, :traceId, :signatureId, :eventType, :outcomeLabel,"
                + " :matchedSecret, :terraUserId, :orderingTimestampMs, :receivedAtMs, :body)"
                + " ON CONFLICT (dedupe_key) DO NOTHING");
    for (WebhookDelivery delivery : deliveries) {
      batch.bindMethods(delivery).add();
    }
    batch.execute();
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
