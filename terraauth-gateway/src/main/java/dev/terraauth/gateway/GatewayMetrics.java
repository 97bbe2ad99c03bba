package dev.terraauth.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The gateway's Prometheus metrics. Thread-safe. */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** By type and outcome; only verified deliveries get here, so Terra's event types bound it. */
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();

  private final Map<String, Timer> verifications = new ConcurrentHashMap<>();

  /** A webhook delivery by event type and outcome (applied, duplicate, bad_signature, ...). */
  public void delivery(String type, String outcome) {
    // cached: this runs once per delivery, and building a meter id is not free
    deliveries
        .computeIfAbsent(
            type + "\n" + outcome,
            key ->
                Counter.builder("terraauth_webhook_deliveries")
                    .description("Webhook deliveries by event type and outcome")
                    .tag("type", type)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }

  public void verificationTime(Duration duration, String result) {
    verifications
        .computeIfAbsent(
            result,
            key ->
                Timer.builder("terraauth_webhook_verification")
                    .description("Time spent verifying webhook signatures")
                    .tag("result", result)
                    .register(registry))
        .record(duration);
  }

  /** A call to Terra by operation and status (an HTTP status, or {@code transport_error}). */
  public void upstreamCall(String operation, String status, Duration duration) {
    Timer.builder("terraauth_upstream_calls")
        .description("Calls to Terra by operation and status")
        .tag("operation", operation)
        .tag("status", status)
        .register(registry)
        .record(duration);
  }

  /** A widget session or mobile token issued. */
  public void tokenIssued(String kind) {
    Counter.builder("terraauth_tokens_issued")
        .description("Widget sessions and mobile tokens issued")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /** An X-Terra-Ordering-Timestamp later than the signed t allows, clamped. */
  public void orderingClamped() {
    Counter.builder("terraauth_webhook_ordering_clamped")
        .description("Ordering timestamps above signed t plus tolerance, clamped to that bound")
        .register(registry)
        .increment();
  }

  /** A webhook request answered before verification (limit, timeout, size), by reason. */
  public void intakeRefused(String reason) {
    Counter.builder("terraauth_webhook_intake_refused")
        .description("Webhook requests refused before verification, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void inFlightBodies(Supplier<Number> bodies) {
    Gauge.builder("terraauth_webhook_bodies_in_flight", bodies)
        .description("Webhook bodies being received now")
        .register(registry);
  }

  /** One group commit: how many writes it carried and how long the commit took. */
  public void batchCommitted(int size, Duration elapsed) {
    DistributionSummary.builder("terraauth_writer_batch_size")
        .description("Writes per group commit (one transaction, one fsync)")
        .register(registry)
        .record(size);
    Timer.builder("terraauth_writer_commit")
        .description("Time to run and commit one batch")
        .register(registry)
        .record(elapsed);
  }

  /** Rows deleted by the retention job, by table (deliveries, dedupe_keys). */
  public void pruned(String kind, long rows) {
    Counter.builder("terraauth_retention_pruned")
        .description("Rows deleted by the retention job")
        .tag("kind", kind)
        .register(registry)
        .increment(rows);
  }

  /** Rows kept after the last retention run, by table. */
  public void retained(String kind, Supplier<Number> rows) {
    Gauge.builder("terraauth_retention_retained", rows)
        .description("Rows kept after the last retention run")
        .tag("kind", kind)
        .register(registry);
  }

  /** The registry, for the meters of a part with its own metrics class (the relay's). */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }
}
