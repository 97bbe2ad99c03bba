package dev.terraauth.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway takes in webhook deliveries and app writes: group commit, slow-client bounds and
 * retention. {@link #defaults()} suits one instance on a small machine; every bound is finite.
 *
 * @param batchSize most writes committed in one transaction (one fsync)
 * @param batchWait how long the writer waits for more writes after the first of a batch; zero
 *     commits whatever is waiting at once (batches still form while a commit is in flight)
 * @param writeQueue most writes waiting for the writer; beyond it a request gets 503 + Retry-After
 * @param maxInFlightBodies most webhook bodies being received at once; beyond it 503
 * @param maxInFlightBodyBytes most webhook body bytes buffered at once; beyond it 503
 * @param maxBodyBytes largest webhook body accepted (413 beyond)
 * @param bodyTimeout how long a webhook body may take to arrive once its headers did (408 after)
 * @param idleTimeout how long a connection may stay silent (while sending headers or body, or
 *     between requests) before it is closed
 * @param retainDeliveries how long stored deliveries (bodies included) are kept
 * @param retentionEvery how often the retention job runs; zero turns it off
 * @param retentionBatch most rows one retention statement deletes (short transactions)
 * @param retryHorizon how long Terra may keep retrying one delivery (UNCONFIRMED: the docs say a
 *     little over 24 h); dedupe keys are kept for this plus the signature tolerance
 */
public record IntakeSettings(
    int batchSize,
    Duration batchWait,
    int writeQueue,
    int maxInFlightBodies,
    long maxInFlightBodyBytes,
    long maxBodyBytes,
    Duration bodyTimeout,
    Duration idleTimeout,
    Duration retainDeliveries,
    Duration retentionEvery,
    int retentionBatch,
    Duration retryHorizon) {
  public static final Duration DEFAULT_RETAIN_DELIVERIES = Duration.ofDays(30);

  public IntakeSettings {
    positive(batchSize, "batchSize");
    positive(writeQueue, "writeQueue");
    positive(maxInFlightBodies, "maxInFlightBodies");
    positive(retentionBatch, "retentionBatch");
    if (maxInFlightBodyBytes < 1 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("body byte limits must be 1 or more");
    }
    nonNegative(batchWait, "batchWait");
    nonNegative(retentionEvery, "retentionEvery");
    positive(bodyTimeout, "bodyTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(retainDeliveries, "retainDeliveries");
    positive(retryHorizon, "retryHorizon");
    if (batchWait.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("batchWait must be at most 1 s, not " + batchWait);
    }
  }

  public static IntakeSettings defaults() {
    return new IntakeSettings(
        256,
        Duration.ZERO,
        10_000,
        4_096,
        64L * 1024 * 1024,
        1024L * 1024,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        DEFAULT_RETAIN_DELIVERIES,
        Duration.ofMinutes(10),
        1_000,
        Duration.ofHours(48));
  }

  public IntakeSettings withBatch(int size, Duration wait) {
    return new IntakeSettings(
        size,
        wait,
        writeQueue,
        maxInFlightBodies,
        maxInFlightBodyBytes,
        maxBodyBytes,
        bodyTimeout,
        idleTimeout,
        retainDeliveries,
        retentionEvery,
        retentionBatch,
        retryHorizon);
  }

  public IntakeSettings withInFlight(int bodies, long bytes) {
    return new IntakeSettings(
        batchSize,
        batchWait,
        writeQueue,
        bodies,
        bytes,
        maxBodyBytes,
        bodyTimeout,
        idleTimeout,
        retainDeliveries,
        retentionEvery,
        retentionBatch,
        retryHorizon);
  }

  public IntakeSettings withTimeouts(Duration body, Duration idle) {
    return new IntakeSettings(
        batchSize,
        batchWait,
        writeQueue,
        maxInFlightBodies,
        maxInFlightBodyBytes,
        maxBodyBytes,
        body,
        idle,
        retainDeliveries,
        retentionEvery,
        retentionBatch,
        retryHorizon);
  }

  public IntakeSettings withRetention(Duration retain, Duration every, int batch) {
    return new IntakeSettings(
        batchSize,
        batchWait,
        writeQueue,
        maxInFlightBodies,
        maxInFlightBodyBytes,
        maxBodyBytes,
        bodyTimeout,
        idleTimeout,
        retain,
        every,
        batch,
        retryHorizon);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be 1 or more, not " + value);
    }
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  private static void nonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, not " + value);
    }
  }
}
