package dev.terraauth.spring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TerraWebhookDeduplicator} that remembers the most recent trace ids and signature
 * identities of one process. Bounded (the oldest are forgotten first), so a stranger sending many
 * trace ids cannot exhaust memory. Thread-safe.
 */
public final class InMemoryWebhookDeduplicator implements TerraWebhookDeduplicator {
  // Each kind of key has its own prefix: a trace id (any string a sender chooses) cannot pose as
  // a signature identity.
  private static final String TRACE = "trace:";
  private static final String SIGNATURE = "signature:";

  private final Map<String, Boolean> seen;

  /**
   * Remembers up to {@code capacity} keys (a delivery with a trace id uses two: its trace id and
   * its signature identity).
   *
   * @param capacity how many keys to remember, at least 1
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
    return seen.putIfAbsent(TRACE + traceId, Boolean.TRUE) == null;
  }

  @Override
  public synchronized void release(String traceId) {
    seen.remove(TRACE + traceId);
  }

  @Override
  public synchronized boolean claimSignature(String signatureIdentity) {
    return seen.putIfAbsent(SIGNATURE + signatureIdentity, Boolean.TRUE) == null;
  }

  @Override
  public synchronized void releaseSignature(String signatureIdentity) {
    seen.remove(SIGNATURE + signatureIdentity);
  }
}
