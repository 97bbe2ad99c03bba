package dev.terraauth.spring;

/**
 * An optional hook that drops repeated deliveries, keyed on {@code X-Terra-Trace-Id}. Terra
 * delivers at least once, so the same event may arrive several times. Register one as a bean (for
 * one instance {@link InMemoryWebhookDeduplicator}; several instances need a shared store) and the
 * endpoint answers a repeat with 200 without calling the listeners. Deliveries without a trace id
 * are always dispatched. Implementations must be thread-safe.
 */
public interface TerraWebhookDeduplicator {
  /**
   * Claims a delivery before the listeners run.
   *
   * @param traceId the delivery's {@code X-Terra-Trace-Id}
   * @return true when this delivery is new and should be dispatched; false for a repeat
   */
  boolean claim(String traceId);

  /**
   * Gives a claim back because a listener failed, so Terra's retry is dispatched again.
   *
   * @param traceId the trace id passed to {@link #claim}
   */
  void release(String traceId);
}
