package dev.terraauth.gateway.auth;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs an error at most once per interval, counting what it held back, so an outage under load
 * shows up in the log without flooding it. Thread-safe.
 */
final class ThrottledLog {
  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextAllowedNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  ThrottledLog(Logger log, java.time.Duration interval) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
  }

  void error(String message, Object argument) {
    long now = System.nanoTime();
    long next = nextAllowedNanos.get();
    if ((next == Long.MIN_VALUE || now - next >= 0)
        && nextAllowedNanos.compareAndSet(next, now + intervalNanos)) {
      long held = suppressed.getAndSet(0);
      if (held == 0) {
        log.error(message, argument);
      } else {
        log.error(message + " ({} similar errors not logged since the last one)", argument, held);
      }
    } else {
      suppressed.incrementAndGet();
    }
  }
}
