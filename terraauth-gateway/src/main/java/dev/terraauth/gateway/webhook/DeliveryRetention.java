package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.GatewayMetrics;
import dev.terraauth.gateway.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes stored deliveries (bodies included) older than the retention, and dedupe keys older than
 * their own window, in bounded batches: each batch is one short transaction, so intake never waits
 * long behind it. On PostgreSQL each batch first takes a transaction-scoped advisory lock, so
 * several instances sharing the database prune one at a time instead of fighting over rows.
 */
public final class DeliveryRetention {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetention.class);

  /** The PostgreSQL advisory lock key that serialises pruning across instances. */
  public static final long ADVISORY_LOCK_KEY = 0x7e77a_d17L;

  /** Most batches one run deletes per table, so a run always ends. */
  private static final int MAX_BATCHES_PER_RUN = 1_000;

  private final Database database;
  private final DeliveryStore deliveries;
  private final Duration retainDeliveries;
  private final Supplier<Duration> dedupeWindow;
  private final int batch;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private volatile long retainedDeliveries = -1;
  private volatile long retainedKeys = -1;

  /**
   * @param dedupeWindow how long dedupe keys must be kept (the verifier's tolerance plus Terra's
   *     retry horizon), read at each run because the tolerance may change on reload
   */
  public DeliveryRetention(
      Database database,
      DeliveryStore deliveries,
      Duration retainDeliveries,
      Supplier<Duration> dedupeWindow,
      int batch,
      GatewayMetrics metrics,
      Clock clock) {
    this.database = database;
    this.deliveries = deliveries;
    this.retainDeliveries = retainDeliveries;
    this.dedupeWindow = dedupeWindow;
    this.batch = batch;
    this.metrics = metrics;
    this.clock = clock;
    metrics.retained("deliveries", () -> retainedDeliveries);
    metrics.retained("dedupe_keys", () -> retainedKeys);
  }

  /** What one run deleted; {@code skipped} when another instance held the lock. */
  public record Report(long deliveries, long dedupeKeys, boolean skipped) {}

  public Report run() {
    long now = clock.millis();
    long prunedDeliveries = 0;
    long prunedKeys = 0;
    boolean skipped = false;
    long deliveriesBefore = now - retainDeliveries.toMillis();
    long keysBefore = now - dedupeWindow.get().toMillis();
    for (int round = 0; round < MAX_BATCHES_PER_RUN; round++) {
      int deleted = inLockedBatch(true, deliveriesBefore);
      if (deleted < 0) {
        skipped = true;
        break;
      }
      prunedDeliveries += deleted;
      if (deleted < batch) {
        break;
      }
    }
    for (int round = 0; !skipped && round < MAX_BATCHES_PER_RUN; round++) {
      int deleted = inLockedBatch(false, keysBefore);
      if (deleted < 0) {
        skipped = true;
        break;
      }
      prunedKeys += deleted;
      if (deleted < batch) {
        break;
      }
    }
    metrics.pruned("deliveries", prunedDeliveries);
    metrics.pruned("dedupe_keys", prunedKeys);
    retainedDeliveries = deliveries.count();
    retainedKeys = deliveries.seenCount();
    if (prunedDeliveries + prunedKeys > 0) {
      LOG.info("retention pruned {} deliveries and {} dedupe keys", prunedDeliveries, prunedKeys);
    }
    return new Report(prunedDeliveries, prunedKeys, skipped);
  }

  /** One batch in its own transaction; -1 when another instance holds the lock. */
  private int inLockedBatch(boolean bodies, long beforeMs) {
    return database
        .jdbi()
        .inTransaction(
            handle -> {
              if (database.isPostgres()
                  && !handle
                      .createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                      .bind("key", ADVISORY_LOCK_KEY)
                      .mapTo(Boolean.class)
                      .one()) {
                return -1;
              }
              return bodies
                  ? deliveries.pruneDeliveries(handle, beforeMs, batch)
                  : deliveries.pruneSeen(handle, beforeMs, batch);
            });
  }
}
