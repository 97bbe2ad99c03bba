package dev.terraauth.gateway.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes queued messages: one thread claims due messages (leases, so instances sharing PostgreSQL
 * never send one message at once) and records finished attempts; the HTTP client sends them
 * asynchronously, at most {@code concurrency} per endpoint. Logs name messages by id and trace id,
 * never bodies or secrets.
 */
public final class RelayDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelayDispatcher.class);
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private static final long GAUGE_EVERY_MS = 5_000;

  private final OutboxStore outbox;
  private final EndpointStore endpoints;
  private final RelaySettings settings;
  private final RelayMetrics metrics;
  private final Clock clock;
  private final RetryPolicy retries;
  private final String instance = "relay-" + UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final RelaySignal wake = new RelaySignal();
  private final ExecutorService httpThreads;
  private final HttpClient http;
  private final Thread thread;
  private volatile boolean running = true;
  private long gaugesAt;

  private record Finished(AttemptResult result, boolean permanent) {}

  public RelayDispatcher(
      OutboxStore outbox,
      EndpointStore endpoints,
      RelaySettings settings,
      RelayMetrics metrics,
      RelaySignal committed,
      Clock clock) {
    this.outbox = outbox;
    this.endpoints = endpoints;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.retries = new RetryPolicy(settings.retrySchedule());
    this.httpThreads =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread t = new Thread(runnable, "terraauth-relay-http");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(min(settings.timeout(), Duration.ofSeconds(10)))
            .executor(httpThreads)
            .build();
    committed.onRaise(wake::raise);
    this.thread = new Thread(this::loop, "terraauth-relay");
    thread.setDaemon(true);
  }

  /** This instance's lease owner name (shown in the attempt history). */
  public String instance() {
    return instance;
  }

  public RelayDispatcher start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (running) {
      long seen = wake.version();
      try {
        recordFinished();
        long now = clock.millis();
        for (RelayEndpoint endpoint : endpoints.enabled()) {
          dispatch(endpoint, now);
        }
        if (now - gaugesAt >= GAUGE_EVERY_MS) {
          gaugesAt = now;
          updateGauges(now);
        }
      } catch (RuntimeException e) {
        LOG.warn("relay: a dispatch round failed ({}); retrying", e.getClass().getSimpleName());
      }
      try {
        wake.awaitAfter(seen, settings.pollEvery().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void dispatch(RelayEndpoint endpoint, long now) {
    AtomicInteger busy = inFlight.computeIfAbsent(endpoint.id(), id -> new AtomicInteger());
    int free = settings.concurrency() - busy.get();
    if (free <= 0 || !outbox.hasDue(endpoint.id(), now)) {
      return;
    }
    List<OutboundMessage> claimed =
        outbox.claim(
            endpoint.id(), endpoint.ordered(), free, instance, now, settings.lease().toMillis());
    for (OutboundMessage message : claimed) {
      busy.incrementAndGet();
      send(endpoint, message, busy);
    }
  }

  private void send(RelayEndpoint endpoint, OutboundMessage message, AtomicInteger busy) {
    long startedAt = clock.millis();
    long start = System.nanoTime();
    if (message.body() == null) {
      finish(
          busy,
          new Finished(
              result(message, startedAt, start, null, "the delivery's body is no longer retained"),
              true));
      return;
    }
    List<RelaySecret> secrets =
        endpoint.signingSecrets(
            startedAt, settings.configured() == null ? List.of() : settings.configured().secrets());
    if (secrets.isEmpty()) {
      finish(
          busy,
          new Finished(
              result(message, startedAt, start, null, "the endpoint has no signing secret"),
              false));
      return;
    }
    byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
    long timestamp = startedAt / 1000;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "terra-auth-relay")
            .header("webhook-id", message.eventId())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature",
                StandardWebhookSigner.signature(message.eventId(), timestamp, body, secrets))
            .header("terra-event-type", headerSafe(message.eventType()));
    if (message.traceId() != null) {
      request.header("terra-trace-id", headerSafe(message.traceId()));
    }
    if (message.terraUserId() != null) {
      request.header("terra-user-id", headerSafe(message.terraUserId()));
    }
    String reference = referenceId(message.body());
    if (reference != null) {
      request.header("terra-reference-id", headerSafe(reference));
    }
    http.sendAsync(
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.discarding())
        // a receiver that answers headers and then stalls its body still ends the attempt
        .orTimeout(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)
        .whenComplete(
            (response, failure) -> {
              Integer status = response == null ? null : response.statusCode();
              String error =
                  failure != null
                      ? reason(failure)
                      : status >= 200 && status < 300 ? null : "HTTP " + status;
              finish(busy, new Finished(result(message, startedAt, start, status, error), false));
            });
  }

  private AttemptResult result(
      OutboundMessage message, long startedAt, long startNanos, Integer status, String error) {
    return new AttemptResult(
        message, startedAt, (System.nanoTime() - startNanos) / 1_000_000, status, error);
  }

  private void finish(AtomicInteger busy, Finished done) {
    finished.add(done);
    busy.decrementAndGet();
    wake.raise();
  }

  private void recordFinished() {
    List<Finished> batch = new ArrayList<>();
    Finished next;
    while ((next = finished.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    long now = clock.millis();
    List<OutboxStore.Outcome> outcomes = new ArrayList<>(batch.size());
    for (Finished done : batch) {
      outcomes.add(retries.after(done.result(), done.permanent(), now));
    }
    List<String> disabled;
    try {
      disabled = outbox.record(outcomes, instance, now, now - settings.disableAfter().toMillis());
    } catch (RuntimeException e) {
      // not recorded: put them back (their leases still hold them) and try again next round
      finished.addAll(batch);
      throw e;
    }
    for (OutboxStore.Outcome outcome : outcomes) {
      AttemptResult result = outcome.result();
      OutboundMessage message = result.message();
      String label =
          result.delivered()
              ? "delivered"
              : outcome.state().equals("failed") ? "failed" : "retried";
      metrics.attempt(message.endpointId(), label, Duration.ofMillis(result.durationMs()));
      if (label.equals("failed")) {
        LOG.warn(
            "relay: gave up on message {} (trace={}) to endpoint {} after attempt {}: {}",
            message.eventId(),
            message.traceId(),
            message.endpointId(),
            message.attempt(),
            result.error());
      } else if (LOG.isDebugEnabled()) {
        LOG.debug(
            "relay: message {} (trace={}) to endpoint {} attempt {}: {}",
            message.eventId(),
            message.traceId(),
            message.endpointId(),
            message.attempt(),
            result.delivered() ? result.status() : result.error());
      }
    }
    for (String endpoint : disabled) {
      metrics.endpointDisabled(endpoint);
      LOG.warn(
          "relay: endpoint {} disabled: it failed for {} without one success; fix it and PATCH"
              + " /admin/relay/endpoints/{} {{\"enabled\": true}}",
          endpoint,
          settings.disableAfter(),
          endpoint);
    }
  }

  private void updateGauges(long now) {
    for (RelayEndpoint endpoint : endpoints.all()) {
      EndpointStats stats = outbox.stats(endpoint.id());
      metrics.oldestPending(
          endpoint.id(),
          stats.oldestPendingMs() == null ? 0 : Math.max(0, now - stats.oldestPendingMs()));
    }
  }

  /** Terra's reference id (the app's user id) when the event carries one. */
  static String referenceId(String body) {
    try {
      JsonNode event = JSON.readTree(body);
      JsonNode reference = event.path("user").path("reference_id");
      if (!reference.isTextual()) {
        reference = event.path("reference_id");
      }
      return reference.isTextual() ? reference.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Header values come from Terra: no control characters, bounded. */
  static String headerSafe(String value) {
    String cleaned = value.replaceAll("[\\p{Cntrl}]", "");
    return cleaned.length() > 256 ? cleaned.substring(0, 256) : cleaned;
  }

  private static String reason(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
        return "timed out";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
    }
    return cause instanceof IOException
        ? "I/O error (" + cause.getClass().getSimpleName() + ")"
        : "failed (" + cause.getClass().getSimpleName() + ")";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Stops claiming; attempts in flight are abandoned (their leases expire and are retried). */
  @Override
  public void close() {
    running = false;
    wake.raise();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      recordFinished();
    } catch (RuntimeException e) {
      LOG.warn("relay: could not record the last attempts ({})", e.getClass().getSimpleName());
    }
    httpThreads.shutdownNow();
  }
}
