package dev.terraauth.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one poll loop of the tests: waits for something another thread or process does (a delivery
 * acknowledged, a server ready). The timeout only bounds a broken run; no assertion depends on how
 * long the wait took.
 */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  /**
   * Returns as soon as {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }

  /** One look at what is awaited: empty while it has not happened yet. */
  @FunctionalInterface
  public interface Probe<T> {
    Optional<T> look() throws Exception;
  }

  /**
   * Returns the first value {@code probe} finds. An exception from the probe fails at once (a probe
   * that expects "not yet" failures catches them itself).
   *
   * @throws AssertionError naming {@code what} when nothing is found within {@code timeout}
   */
  public static <T> T result(String what, Duration timeout, Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> found = probe.look();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
