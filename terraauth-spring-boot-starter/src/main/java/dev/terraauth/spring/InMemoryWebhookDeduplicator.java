package dev.terraauth.spring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TerraWebhookDeduplicator} that remembers the most recent trace ids of one process.
 * Bounded (the oldest are forgotten first), so a stranger sending many trace ids cannot exhaust
 * memory. Thread-safe.
 */
public final class InMemoryWebhookDeduplicator implements TerraWebhookDeduplicator {
  private final Map<String, Boolean> seen;

  /**
   * Remembers up to {@code capacity} trace ids.
   *
   * @param capacity how many trace ids to remember, at least 1
   */
  public InMemoryWebhookDeduplicator(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public synchronized boolean claim(String traceId) {
    return seen.putIfAbsent(traceId, Boolean.TRUE) == null;
  }

  @Override
  public synchronized void release(String traceId) {
    seen.remove(traceId);
  }
}
