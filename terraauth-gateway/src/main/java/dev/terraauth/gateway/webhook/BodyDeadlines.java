package dev.terraauth.gateway.webhook;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails webhook bodies that have not fully arrived by their deadline with a {@link
 * TimeoutException}. One sweep every {@link #SWEEP_MILLIS} checks the bodies still being read,
 * rather than one timer task per request ({@link CompletableFuture#orTimeout} keeps every task
 * queued for the whole timeout even after its body arrived: tens of thousands at intake rates). A
 * body fails at most one sweep after its deadline. Thread-safe.
 */
final class BodyDeadlines implements AutoCloseable {
  static final long SWEEP_MILLIS = 100;

  private record Tracked(CompletableFuture<byte[]> body, long deadlineNanos) {}

  private final Set<Tracked> reading = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "terraauth-body-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  BodyDeadlines() {
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The body, failing with a TimeoutException when not complete within {@code timeout}. */
  CompletableFuture<byte[]> within(CompletableFuture<byte[]> body, Duration timeout) {
    if (body.isDone()) {
      return body;
    }
    Tracked tracked = new Tracked(body, System.nanoTime() + timeout.toNanos());
    reading.add(tracked);
    body.whenComplete((bytes, failure) -> reading.remove(tracked));
    return body;
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Tracked tracked : reading) {
      if (now - tracked.deadlineNanos() >= 0) {
        tracked.body().completeExceptionally(new TimeoutException("the body did not arrive"));
      }
    }
  }

  /** Bodies being read now (for tests). */
  int reading() {
    return reading.size();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
