package dev.terraauth.gateway.webhook;

import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.gateway.store.DeliveryStore;
import dev.terraauth.gateway.store.WebhookDelivery;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores a verified delivery and applies its auth event in one transaction: either both happen or
 * neither, and a delivery already stored (a retry or replay) changes nothing.
 */
public final class WebhookInbox {
  private final Jdbi jdbi;
  private final DeliveryStore deliveries;
  private final ConnectionLedger ledger;

  public WebhookInbox(Jdbi jdbi, DeliveryStore deliveries, ConnectionLedger ledger) {
    this.jdbi = jdbi;
    this.deliveries = deliveries;
    this.ledger = ledger;
  }

  /** What receiving a delivery did. {@code outcome} is null for a duplicate. */
  public record Receipt(boolean duplicate, String outcome) {}

  /** Returns only after the transaction committed. */
  public Receipt receive(WebhookDelivery delivery, WebhookEvent event) {
    return jdbi.inTransaction(
        handle -> {
          if (!deliveries.insertIfAbsent(handle, delivery)) {
            return new Receipt(true, null);
          }
          long ordering =
              delivery.orderingTimestampMs() == null
                  ? delivery.receivedAtMs()
                  : delivery.orderingTimestampMs();
          String outcome = ledger.apply(handle, event, ordering, delivery.receivedAtMs());
          deliveries.updateOutcome(handle, delivery.dedupeKey(), outcome);
          return new Receipt(false, outcome);
        });
  }
}
