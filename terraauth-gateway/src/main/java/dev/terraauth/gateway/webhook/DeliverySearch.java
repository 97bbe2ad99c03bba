package dev.terraauth.gateway.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The dashboard's pages of stored deliveries and each connection's history. */
public final class DeliverySearch {
  private static final String COLUMNS =
      "dedupe_key, trace_id, signature_id, event_type, outcome, matched_secret, terra_user_id,"
          + " ordering_ts_ms, received_at_ms, '' AS body"; // pages never show bodies: not read

  private final Jdbi jdbi;

  public DeliverySearch(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<WebhookDelivery> page(int offset, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM webhook_delivery ORDER BY received_at_ms DESC, dedupe_key DESC"
                        + " LIMIT :n OFFSET :o")
                .bind("n", limit)
                .bind("o", offset)
                .map(DeliveryStore.MAPPER)
                .list());
  }

  public long count() {
    return jdbi.withHandle(
        handle ->
            handle.createQuery("SELECT COUNT(*) FROM webhook_delivery").mapTo(Long.class).one());
  }

  /**
   * The deliveries that changed each of these connections (outcome {@code applied}), newest first,
   * at most {@code perUser} each; one query for a whole page of connections.
   */
  public Map<String, List<WebhookDelivery>> history(List<String> terraUserIds, int perUser) {
    Map<String, List<WebhookDelivery>> byUser = new LinkedHashMap<>();
    if (terraUserIds.isEmpty()) {
      return byUser;
    }
    List<WebhookDelivery> rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM webhook_delivery WHERE terra_user_id IN (<ids>)"
                            + " AND outcome = 'applied' ORDER BY received_at_ms DESC")
                    .bindList("ids", terraUserIds)
                    .map(DeliveryStore.MAPPER)
                    .list());
    for (WebhookDelivery row : rows) {
      List<WebhookDelivery> own =
          byUser.computeIfAbsent(row.terraUserId(), id -> new ArrayList<>());
      if (own.size() < perUser) {
        own.add(row);
      }
    }
    return byUser;
  }
}
