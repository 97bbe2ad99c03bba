package dev.terraauth.gateway.webhook;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the webhook bodies being received at once, by count and by buffered bytes, so that
 * strangers trickling bodies cannot exhaust memory. Bodies are read without holding a thread, so
 * this bound is about memory, not threads. Thread-safe.
 */
final class InFlightBodies {
  private final int maxBodies;
  private final long maxBytes;
  private final AtomicInteger bodies = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  InFlightBodies(int maxBodies, long maxBytes) {
    this.maxBodies = maxBodies;
    this.maxBytes = maxBytes;
  }

  /** Takes a slot for one more body, or returns false when all are taken. */
  boolean tryStart() {
    if (bodies.incrementAndGet() > maxBodies) {
      bodies.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Reserves buffer bytes for a body; false (nothing reserved) when the budget is spent. */
  boolean tryReserve(long count) {
    if (bytes.addAndGet(count) > maxBytes) {
      bytes.addAndGet(-count);
      return false;
    }
    return true;
  }

  /** Gives back one body's slot and the bytes it reserved. */
  void finish(long reserved) {
    bytes.addAndGet(-reserved);
    bodies.decrementAndGet();
  }

  int bodies() {
    return bodies.get();
  }
}
