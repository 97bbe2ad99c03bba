package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.store.PlannedEachTime;
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
  private final boolean postgres;

  /** With the portable statements (prepared batches), fine on any database. */
  public DeliveryStore(Jdbi jdbi) {
    this(jdbi, false);
  }

  /**
   * @param postgres the batch writes as one statement each over arrays ({@code unnest}): one
   *     execution per batch instead of one per row
   */
  public DeliveryStore(Jdbi jdbi, boolean postgres) {
    this.jdbi = jdbi;
    this.postgres = postgres;
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
    if (!keys.isEmpty() && postgres) {
      // in sorted order too: unnest yields the rows as the arrays hold them
      handle
          .createQuery(
              "INSERT INTO webhook_seen (seen_key, seen_at_ms) SELECT * FROM"
                  + " unnest(CAST(:keys AS text[]), CAST(:times AS bigint[])) ON CONFLICT"
                  + " (seen_key) DO NOTHING RETURNING seen_key")
          .bindArray("keys", String.class, keys.keySet())
          .bindArray("times", Long.class, keys.values())
          .mapTo(String.class)
          .forEach(inserted::add);
    } else if (!keys.isEmpty()) {
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
    if (postgres) {
      insertAllPostgres(handle, deliveries);
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

  private static void insertAllPostgres(Handle handle, List<WebhookDelivery> deliveries) {
    int n = deliveries.size();
    String[] keys = new String[n];
    String[] traces = new String[n];
    String[] signatures = new String[n];
    String[] types = new String[n];
    String[] outcomes = new String[n];
    String[] secrets = new String[n];
    String[] users = new String[n];
    Long[] ordering = new Long[n];
    Long[] received = new Long[n];
    String[] bodies = new String[n];
    for (int i = 0; i < n; i++) {
      WebhookDelivery delivery = deliveries.get(i);
      keys[i] = delivery.dedupeKey();
      traces[i] = delivery.traceId();
      signatures[i] = delivery.signatureId();
      types[i] = delivery.eventType();
      outcomes[i] = delivery.outcomeLabel();
      secrets[i] = delivery.matchedSecret();
      users[i] = delivery.terraUserId();
      ordering[i] = delivery.orderingTimestampMs();
      received[i] = delivery.receivedAtMs();
      bodies[i] = delivery.body();
    }
    handle
        .createUpdate(
            "INSERT INTO webhook_delivery ("
                + COLUMNS
                + ") SELECT * FROM unnest(CAST(:keys AS text[]), CAST(:traces AS text[]),"
                + " CAST(:signatures AS text[]), CAST(:types AS text[]), CAST(:outcomes AS"
                + " text[]), CAST(:secrets AS text[]), CAST(:users AS text[]), CAST(:ordering AS"
                + " bigint[]), CAST(:received AS bigint[]), CAST(:bodies AS text[])) ON CONFLICT"
                + " (dedupe_key) DO NOTHING")
        .bindArray("keys", String.class, (Object[]) keys)
        .bindArray("traces", String.class, (Object[]) traces)
        .bindArray("signatures", String.class, (Object[]) signatures)
        .bindArray("types", String.class, (Object[]) types)
        .bindArray("outcomes", String.class, (Object[]) outcomes)
        .bindArray("secrets", String.class, (Object[]) secrets)
        .bindArray("users", String.class, (Object[]) users)
        .bindArray("ordering", Long.class, (Object[]) ordering)
        .bindArray("received", Long.class, (Object[]) received)
        .bindArray("bodies", String.class, (Object[]) bodies)
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
        // the tables grow and shrink between runs: no plan cached from when they were small
        .addCustomizer(PlannedEachTime.INSTANCE)
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
        // the tables grow and shrink between runs: no plan cached from when they were small
        .addCustomizer(PlannedEachTime.INSTANCE)
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
