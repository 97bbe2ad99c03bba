package dev.terraauth.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Verified webhook deliveries, in the {@code webhook_delivery} table. */
public final class DeliveryStore {
  private static final String COLUMNS =
      "dedupe_key, trace_id, event_type, outcome, matched_secret, terra_user_id,"
          + " ordering_ts_ms, received_at_ms, body";

  private final Jdbi jdbi;

  public DeliveryStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores the delivery once; false when its dedupe key was already stored. */
  public boolean insertIfAbsent(Handle handle, WebhookDelivery delivery) {
    return handle
            .createUpdate(
                "INSERT INTO webhook_delivery ("
                    + COLUMNS
                    + ") VALUES (:dedupeKey, :traceId, :eventType, :outcome, :matchedSecret,"
                    + " :terraUserId, :orderingTimestampMs, :receivedAtMs, :body)"
                    + " ON CONFLICT (dedupe_key) DO NOTHING")
            .bind("dedupeKey", delivery.dedupeKey())
            .bind("traceId", delivery.traceId())
            .bind("eventType", delivery.eventType())
            .bind("outcome", delivery.outcome())
            .bind("matchedSecret", delivery.matchedSecret())
            .bind("terraUserId", delivery.terraUserId())
            .bind("orderingTimestampMs", delivery.orderingTimestampMs())
            .bind("receivedAtMs", delivery.receivedAtMs())
            .bind("body", delivery.body())
            .execute()
        == 1;
  }

  public void updateOutcome(Handle handle, String dedupeKey, String outcome) {
    handle
        .createUpdate("UPDATE webhook_delivery SET outcome = :outcome WHERE dedupe_key = :key")
        .bind("outcome", outcome)
        .bind("key", dedupeKey)
        .execute();
  }

  public Optional<WebhookDelivery> find(String dedupeKey) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM webhook_delivery WHERE dedupe_key = :k")
                .bind("k", dedupeKey)
                .map(DeliveryStore::map)
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
                .map(DeliveryStore::map)
                .list());
  }

  public long count() {
    return jdbi.withHandle(
        handle ->
            handle.createQuery("SELECT COUNT(*) FROM webhook_delivery").mapTo(Long.class).one());
  }

  private static WebhookDelivery map(ResultSet row, StatementContext context) throws SQLException {
    long ordering = row.getLong("ordering_ts_ms");
    Long orderingTimestamp = row.wasNull() ? null : ordering;
    return new WebhookDelivery(
        row.getString("dedupe_key"),
        row.getString("trace_id"),
        row.getString("event_type"),
        row.getString("outcome"),
        row.getString("matched_secret"),
        row.getString("terra_user_id"),
        orderingTimestamp,
        row.getLong("received_at_ms"),
        row.getString("body"));
  }
}
