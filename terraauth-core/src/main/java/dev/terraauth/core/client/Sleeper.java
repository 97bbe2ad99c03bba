package dev.terraauth.core.client;

import java.time.Duration;

/** Waits between retries; tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /**
   * Blocks for the given duration.
   *
   * @param duration how long to block
   * @throws java.lang.InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** {@return the real one: {@link Thread#sleep(long)}} */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
