package dev.terraauth.gateway.webhook;

import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.gateway.store.GroupCommitWriter;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;

/**
 * Stores a verified delivery and applies its auth event in one transaction, through the group
 * commit writer: either both happen or neither, and a delivery already seen (a retry or replay)
 * changes nothing.
 */
public final class WebhookInbox {
  private final GroupCommitWriter writer;
  private final DeliveryStore deliveries;
  private final ConnectionLedger ledger;

  public WebhookInbox(GroupCommitWriter writer, DeliveryStore deliveries, ConnectionLedger ledger) {
    this.writer = writer;
    this.deliveries = deliveries;
    this.ledger = ledger;
  }

  /** What receiving a delivery did. */
  public record Receipt(DeliveryOutcome outcome) {
    public boolean duplicate() {
      return outcome == DeliveryOutcome.DUPLICATE;
    }
  }

  /**
   * Queues the delivery for the next batch; the future completes once that batch committed, or with
   * {@link dev.terraauth.gateway.store.StoreUnavailableException} when nothing was stored.
   */
  public CompletableFuture<Receipt> submit(WebhookDelivery delivery, WebhookEvent event) {
    return writer.submit(delivery.dedupeKey(), handle -> receive(handle, delivery, event));
  }

  /** Like {@link #submit}, waiting for the commit. */
  public Receipt receive(WebhookDelivery delivery, WebhookEvent event) {
    return writer.write(handle -> receive(handle, delivery, event));
  }

  /** The work itself, in the caller's transaction. */
  Receipt receive(Handle handle, WebhookDelivery delivery, WebhookEvent event) {
    if (!deliveries.claim(handle, delivery)) {
      return new Receipt(DeliveryOutcome.DUPLICATE);
    }
    long ordering =
        delivery.orderingTimestampMs() == null
            ? delivery.receivedAtMs()
            : delivery.orderingTimestampMs();
    DeliveryOutcome outcome = ledger.apply(handle, event, ordering, delivery.receivedAtMs());
    deliveries.insert(handle, delivery.withOutcome(outcome));
    return new Receipt(outcome);
  }
}
