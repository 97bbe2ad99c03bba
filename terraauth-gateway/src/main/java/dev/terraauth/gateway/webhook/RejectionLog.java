package dev.terraauth.gateway.webhook;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The most recent refused webhook deliveries, kept in memory for the admin API (refused deliveries
 * are never stored in the database). Thread-safe.
 */
public final class RejectionLog {
  private static final int CAPACITY = 100;

  /** Nullable: traceId, detail. */
  public record Rejection(Instant at, String reason, String traceId, String detail) {}

  private final Deque<Rejection> recent = new ArrayDeque<>();

  public synchronized void record(Rejection rejection) {
    if (recent.size() == CAPACITY) {
      recent.removeLast();
    }
    recent.addFirst(rejection);
  }

  public synchronized List<Rejection> recent() {
    return List.copyOf(recent);
  }
}
