package dev.terraauth.gateway;

/**
 * Gives the JVM's common fork-join pool at least two threads, before anything uses it.
 *
 * <p>Why: with one or two cores the common pool gets a parallelism of 1, and {@code
 * CompletableFuture} then runs every default-executor async step on a <em>new thread</em>. The JDK
 * HttpClient's {@code sendAsync} adds such a step to each response (it hands dependent actions to
 * that executor), so each relayed message and each call to Terra started and ended a thread: a
 * profile of the relay on this project's 2-core machine found {@code pthread_create} under every
 * answer. A pool of two reuses its threads. Must run first in {@code main}: both classes read the
 * setting once, when first used.
 */
public final class CommonPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPool() {}

  /** Sets the common pool's parallelism to 2 unless the JVM would use more or it was set. */
  public static void atLeastTwo() {
    if (System.getProperty(PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(PARALLELISM, "2");
    }
  }
}
