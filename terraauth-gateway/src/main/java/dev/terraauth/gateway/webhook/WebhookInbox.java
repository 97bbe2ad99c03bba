package dev.terraauth.gateway.webhook;

import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.gateway.relay.OutboxStore;
import dev.terraauth.gateway.store.GroupCommitWriter;
import java.util.ArrayList;
import java.util.List;
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
  private final OutboxStore outbox;
  private final GroupCommitWriter.BulkWrite<Arrival, Receipt> bulk = this::receiveAll;

  public WebhookInbox(GroupCommitWriter writer, DeliveryStore deliveries, ConnectionLedger ledger) {
    this(writer, deliveries, ledger, null);
  }

  /**
   * @param outbox queues the relay's messages in the same transaction; null: no relay
   */
  public WebhookInbox(
      GroupCommitWriter writer,
      DeliveryStore deliveries,
      ConnectionLedger ledger,
      OutboxStore outbox) {
    this.writer = writer;
    this.deliveries = deliveries;
    this.ledger = ledger;
    this.outbox = outbox;
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
    return writer.submitBulk(bulk, new Arrival(delivery, event));
  }

  /** A verified delivery waiting for its batch. */
  record Arrival(WebhookDelivery delivery, WebhookEvent event) {}

  /**
   * Every delivery of a batch in a few statements: one claims all their dedupe keys, one stores all
   * the new ones; only applying auth events touches rows one by one.
   */
  private List<Receipt> receiveAll(Handle handle, List<Arrival> arrivals) {
    List<WebhookDelivery> deliveriesOfBatch = new ArrayList<>(arrivals.size());
    for (Arrival arrival : arrivals) {
      deliveriesOfBatch.add(arrival.delivery());
    }
    List<Boolean> fresh = deliveries.claimAll(handle, deliveriesOfBatch);
    List<Receipt> receipts = new ArrayList<>(arrivals.size());
    List<WebhookDelivery> stored = new ArrayList<>(arrivals.size());
    for (int i = 0; i < arrivals.size(); i++) {
      if (!fresh.get(i)) {
        receipts.add(new Receipt(DeliveryOutcome.DUPLICATE));
        continue;
      }
      WebhookDelivery delivery = arrivals.get(i).delivery();
      DeliveryOutcome outcome = apply(handle, delivery, arrivals.get(i).event());
      stored.add(delivery.withOutcome(outcome));
      receipts.add(new Receipt(outcome));
    }
    deliveries.insertAll(handle, stored);
    if (outbox != null) {
      outbox.queueAll(handle, stored); // the relay's outbox: same transaction, new deliveries only
    }
    return receipts;
  }

  private DeliveryOutcome apply(Handle handle, WebhookDelivery delivery, WebhookEvent event) {
    long ordering =
        delivery.orderingTimestampMs() == null
            ? delivery.receivedAtMs()
            : delivery.orderingTimestampMs();
    return ledger.apply(handle, event, ordering, delivery.receivedAtMs());
  }

  /** Like {@link #submit}, waiting for the commit. */
  public Receipt receive(WebhookDelivery delivery, WebhookEvent event) {
    try {
      return submit(delivery, event).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }
}
