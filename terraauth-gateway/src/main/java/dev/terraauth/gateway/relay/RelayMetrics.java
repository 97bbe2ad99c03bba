package dev.terraauth.gateway.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The relay's metrics: messages queued, attempts by endpoint and result (delivered, retried,
 * failed), attempt latency, and the age of each endpoint's oldest pending message. Endpoint ids are
 * operator-created, so they bound the tags.
 */
public final class RelayMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> results = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
  private final Map<String, Long> oldestAges = new ConcurrentHashMap<>();

  public RelayMetrics(MeterRegistry registry, Supplier<Number> queued) {
    this.registry = registry;
    FunctionCounter.builder("terraauth_relay_queued", queued, q -> q.get().doubleValue())
        .description("Relay messages queued by this instance (one per event and endpoint)")
        .register(registry);
  }

  /** One finished attempt; result is delivered, retried or failed (given up). */
  public void attempt(String endpoint, String result, Duration latency) {
    results
        .computeIfAbsent(
            endpoint + "\n" + result,
            key ->
                Counter.builder("terraauth_relay_attempts")
                    .description("Relay attempts by endpoint and result")
                    .tag("endpoint", endpoint)
                    .tag("result", result)
                    .register(registry))
        .increment();
    latencies
        .computeIfAbsent(
            endpoint,
            key ->
                Timer.builder("terraauth_relay_attempt_latency")
                    .description("Time from sending a relay attempt to its answer")
                    .tag("endpoint", endpoint)
                    .publishPercentiles(0.5, 0.99)
                    .register(registry))
        .record(latency);
  }

  /** The age of the endpoint's oldest pending message (0 when none). */
  public void oldestPending(String endpoint, long ageMs) {
    if (oldestAges.put(endpoint, ageMs) == null) {
      Gauge.builder(
              "terraauth_relay_oldest_pending_seconds",
              oldestAges,
              ages -> ages.getOrDefault(endpoint, 0L) / 1000.0)
          .description("Age of the oldest pending relay message per endpoint")
          .tag("endpoint", endpoint)
          .register(registry);
    }
  }

  public void endpointDisabled(String endpoint) {
    Counter.builder("terraauth_relay_endpoints_disabled")
        .description("Endpoints disabled after failing for the configured time")
        .tag("endpoint", endpoint)
        .register(registry)
        .increment();
  }
}
