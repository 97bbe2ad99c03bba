package dev.terraauth.gateway;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A budget of log lines per window for events a stranger can cause at will (a forged or stale
 * webhook, a request to an unknown path): the first {@code lines} of each window are logged, the
 * rest only counted, and the count is logged once the window is over. A flood of forged requests
 * then costs a few lines every ten seconds instead of filling the disk (the metrics still count
 * every one). Thread-safe.
 */
public final class LogBudget {
  private final Logger log;
  private final String what;
  private final int lines;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private long windowStart;
  private boolean started;
  private int used;
  private long heldBack;

  /**
   * @param what names the lines in the summary, e.g. "refused webhook deliveries"
   */
  public LogBudget(Logger log, String what, int lines, Duration window) {
    this(log, what, lines, window, System::nanoTime);
  }

  LogBudget(Logger log, String what, int lines, Duration window, LongSupplier nanoTime) {
    if (lines < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a log budget needs at least one line per window");
    }
    this.log = log;
    this.what = what;
    this.lines = lines;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Whether this line may be logged now; when a window with held-back lines has ended, first logs
   * how many were held back.
   */
  public boolean allow() {
    long held;
    boolean allowed;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      held = 0;
      if (!started || now - windowStart >= windowNanos) {
        held = heldBack;
        heldBack = 0;
        used = 0;
        windowStart = now;
        started = true;
      }
      allowed = used < lines;
      if (allowed) {
        used++;
      } else {
        heldBack++;
      }
    }
    if (held > 0) {
      log.warn(
          "{} more {} not logged in the last {} s (at most {} lines per window; /metrics counts"
              + " every one)",
          held,
          what,
          Duration.ofNanos(windowNanos).toSeconds(),
          lines);
    }
    return allowed;
  }
}
