package dev.terraauth.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** The gateway's Prometheus metrics. Thread-safe. */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** A webhook delivery by event type and outcome (applied, duplicate, bad_signature, ...). */
  public void delivery(String type, String outcome) {
    Counter.builder("terraauth_webhook_deliveries")
        .description("Webhook deliveries by event type and outcome")
        .tag("type", type)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void verificationTime(Duration duration, String result) {
    Timer.builder("terraauth_webhook_verification")
        .description("Time spent verifying webhook signatures")
        .tag("result", result)
        .register(registry)
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

  public String scrape() {
    return registry.scrape();
  }
}
