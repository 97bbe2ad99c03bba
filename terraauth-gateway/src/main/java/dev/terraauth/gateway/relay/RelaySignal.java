package dev.terraauth.gateway.relay;

/**
 * Wakes whoever waits for new relay work on this instance: the dispatcher and long-polling feed
 * readers. Raised after a commit that queued events (other instances' commits are found by
 * polling).
 */
public final class RelaySignal {
  private final java.util.List<Runnable> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private long version;

  /** Runs {@code listener} (quick, non-blocking) on every raise. */
  public void onRaise(Runnable listener) {
    listeners.add(listener);
  }

  public void raise() {
    synchronized (this) {
      version++;
      notifyAll();
    }
    listeners.forEach(Runnable::run);
  }

  /** The current version, to pass to {@link #awaitAfter}. */
  public synchronized long version() {
    return version;
  }

  /** Waits until raised after {@code seen} or {@code millis} passed; true when raised. */
  public synchronized boolean awaitAfter(long seen, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (version == seen) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
