package dev.terraauth.gateway.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.LogText;
import dev.terraauth.gateway.store.GroupCommitWriter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes queued messages: one thread claims due messages (leases, so instances sharing PostgreSQL
 * never send one message at once) and records finished attempts; the HTTP client sends them
 * asynchronously, at most {@code concurrency} per endpoint. Fresh messages of unordered endpoints
 * come straight from the intake's commit, already leased to this instance ({@link
 * OutboxStore.Handoff}). Its database writes go through the intake's group-commit writer, so on
 * SQLite they share its commits instead of fighting it for the write lock. Logs name messages by id
 * and trace id, never bodies or secrets.
 */
public final class RelayDispatcher implements AutoCloseable, OutboxStore.Handoff {
  private static final Logger LOG = LoggerFactory.getLogger(RelayDispatcher.class);
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private static final long GAUGE_EVERY_MS = 5_000;
  private static final java.util.regex.Pattern CONTROL =
      java.util.regex.Pattern.compile("[\\p{Cntrl}]");

  /** Fresh messages waiting on this instance per endpoint, per concurrency slot. */
  private static final int LOCAL_PER_SLOT = 16;

  /** Messages one claim takes per concurrency slot (the rest wait here, leased). */
  private static final int CLAIM_AHEAD = 16;

  /** Results wait up to this long, or until this many wait, to be recorded in one write. */
  private static final long RECORD_LINGER_NANOS = 20_000_000L;

  private static final int RECORD_ENOUGH = 128;

  private final OutboxStore outbox;
  private final EndpointStore endpoints;
  private final RelaySettings settings;
  private final RelayMetrics metrics;
  private final Clock clock;
  private final RetryPolicy retries;
  private final String instance = "relay-" + UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  private final AtomicInteger finishedWaiting = new AtomicInteger();
  private final AtomicLong firstFinishedNanos = new AtomicLong();
  private volatile boolean orderedFinished;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<OutboundMessage>> handedOver =
      new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reserved = new ConcurrentHashMap<>();
  private final Map<String, Long> idleUntil = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<?>> claiming = new ConcurrentHashMap<>();
  private final GroupCommitWriter writer;
  private volatile CompletableFuture<?> lastRecord = CompletableFuture.completedFuture(null);
  private final RelaySignal wake = new RelaySignal();
  private final HttpClient http;
  private final Thread thread;
  private volatile boolean running = true;
  private List<RelayEndpoint> enabled = List.of();
  private long endpointsReadAt = Long.MIN_VALUE / 2;
  private final java.util.concurrent.ScheduledExecutorService gauges =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread t = new Thread(runnable, "terraauth-relay-gauges");
            t.setDaemon(true);
            return t;
          });

  private final java.util.concurrent.ExecutorService httpTasks =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread t = new Thread(runnable, "terraauth-relay-http");
            t.setDaemon(true);
            return t;
          });

  private record Finished(AttemptResult result, boolean permanent) {}

  public RelayDispatcher(
      OutboxStore outbox,
      EndpointStore endpoints,
      RelaySettings settings,
      RelayMetrics metrics,
      RelaySignal committed,
      GroupCommitWriter writer,
      Clock clock) {
    this.writer = writer;
    this.outbox = outbox;
    this.endpoints = endpoints;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.retries = new RetryPolicy(settings.retrySchedule());
    // The client's own tasks run on two threads of its own, not on this dispatcher's: a send's
    // first step resolves the endpoint's host name, and one endpoint with a slow DNS must not stall
    // claims and results for all of them. Two, not the default pool, because every hop is a
    // wake-up and the threads cost more CPU than the HTTP itself on a small machine; nothing of
    // ours
    // that runs there blocks (an attempt's end only queues its result).
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(min(settings.timeout(), Duration.ofSeconds(10)))
            .executor(httpTasks)
            .build();
    committed.onRaise(wake::raise);
    outbox.handoff(this);
    this.thread = new Thread(this::loop, "terraauth-relay");
    thread.setDaemon(true);
  }

  /** This instance's lease owner name (shown in the attempt history). */
  public String instance() {
    return instance;
  }

  @Override
  public String owner() {
    return instance;
  }

  @Override
  public long leaseMs() {
    return settings.lease().toMillis();
  }

  @Override
  public boolean reserve(String endpointId) {
    if (!running) {
      return false;
    }
    AtomicInteger count = reserved.computeIfAbsent(endpointId, id -> new AtomicInteger());
    if (count.incrementAndGet() > settings.concurrency() * LOCAL_PER_SLOT) {
      count.decrementAndGet();
      return false;
    }
    return true;
  }

  @Override
  public void release(String endpointId) {
    AtomicInteger count = reserved.get(endpointId);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  @Override
  public void queued(java.util.Set<String> endpointIds) {
    for (String id : endpointIds) {
      idleUntil.remove(id); // the raise that follows runs a round that looks for them
    }
  }

  @Override
  public void accept(List<OutboundMessage> messages) {
    for (OutboundMessage message : messages) {
      handedOver
          .computeIfAbsent(message.endpointId(), id -> new ConcurrentLinkedQueue<>())
          .add(message);
    }
    wake.raise();
  }

  public RelayDispatcher start() {
    thread.start();
    gauges.scheduleWithFixedDelay(
        this::updateGauges, GAUGE_EVERY_MS, GAUGE_EVERY_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  private void loop() {
    while (running) {
      long seen = wake.version();
      try {
        recordFinished(false);
        long now = clock.millis();
        if (enabled == null || now - endpointsReadAt >= settings.pollEvery().toMillis()) {
          enabled = endpoints.enabled(); // admin changes show within one poll interval
          endpointsReadAt = now;
        }
        for (RelayEndpoint endpoint : enabled) {
          dispatch(endpoint, now);
        }
        dispatchOrDropUnlisted(enabled, now);
      } catch (RuntimeException e) {
        LOG.warn("relay: a dispatch round failed ({}); retrying", e.getClass().getSimpleName());
      }
      try {
        wake.awaitAfter(seen, sleepMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void dispatch(RelayEndpoint endpoint, long now) {
    AtomicInteger busy = inFlight.computeIfAbsent(endpoint.id(), id -> new AtomicInteger());
    ConcurrentLinkedQueue<OutboundMessage> fresh = handedOver.get(endpoint.id());
    OutboundMessage next;
    while (busy.get() < settings.concurrency() && fresh != null && (next = fresh.poll()) != null) {
      release(endpoint.id());
      if (!leaseOutlastsAnAttempt(next)) {
        continue; // waited here too long: its lease ends first, and it is claimed again then
      }
      busy.incrementAndGet();
      send(endpoint, next, busy);
    }
    claimAheadIfLow(endpoint, now);
  }

  /**
   * Claims the endpoint's next due messages from the database (those another instance queued, a
   * replay's, retries) once its local queue runs low, without waiting for the claim: the claim is a
   * write on the group-commit writer, and while the dispatcher waited for it no message of any
   * endpoint was sent (in a replay the 2 cores stayed a fifth idle). The claimed messages join the
   * local queue when it commits, and the loop is woken.
   */
  private void claimAheadIfLow(RelayEndpoint endpoint, long now) {
    int room = settings.concurrency() * CLAIM_AHEAD;
    AtomicInteger queued = reserved.get(endpoint.id());
    int waiting = queued == null ? 0 : queued.get();
    if (waiting > room / 2
        || claiming.containsKey(endpoint.id())
        || now < idleUntil.getOrDefault(endpoint.id(), 0L)) {
      return;
    }
    if (!outbox.hasDue(endpoint.id(), now)) {
      // nothing due: look again after one poll interval (fresh messages come by hand-off)
      idleUntil.put(endpoint.id(), now + settings.pollEvery().toMillis());
      return;
    }
    int limit = room - waiting;
    CompletableFuture<List<OutboundMessage>> claim =
        writer.submit(
            handle ->
                outbox.claim(
                    handle,
                    endpoint.id(),
                    endpoint.ordered(),
                    limit,
                    instance,
                    now,
                    settings.lease().toMillis()));
    claiming.put(endpoint.id(), claim);
    claim.whenComplete(
        (claimed, failure) -> {
          if (failure != null) {
            LOG.warn(
                "relay: claiming messages for endpoint {} failed ({}); retrying after {}",
                endpoint.id(),
                failure.getClass().getSimpleName(),
                settings.pollEvery());
            idleUntil.put(endpoint.id(), clock.millis() + settings.pollEvery().toMillis());
          } else if (claimed.isEmpty()) {
            idleUntil.put(endpoint.id(), clock.millis() + settings.pollEvery().toMillis());
          } else {
            claimed.forEach(this::holdForLater);
          }
          claiming.remove(endpoint.id());
          wake.raise();
        });
  }

  /** A message leased to this instance that waits in the local queue for a free slot. */
  private void holdForLater(OutboundMessage message) {
    reserved.computeIfAbsent(message.endpointId(), id -> new AtomicInteger()).incrementAndGet();
    handedOver
        .computeIfAbsent(message.endpointId(), id -> new ConcurrentLinkedQueue<>())
        .add(message);
  }

  /**
   * An attempt ends by its timeout (+1 s): it must start early enough to end inside its lease, or
   * another instance could take the message over while it is still in flight here.
   */
  private boolean leaseOutlastsAnAttempt(OutboundMessage message) {
    return clock.millis() + settings.timeout().toMillis() + 1_000 < message.leasedUntilMs();
  }

  /**
   * Fresh messages of an endpoint not in the cached list: one created since it was read is sent
   * now; one disabled or deleted meanwhile keeps its lease in the database, which expires.
   */
  private void dispatchOrDropUnlisted(List<RelayEndpoint> listed, long now) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    listed.forEach(endpoint -> ids.add(endpoint.id()));
    for (String id : handedOver.keySet()) {
      if (ids.contains(id)) {
        continue;
      }
      java.util.Optional<RelayEndpoint> current = endpoints.find(id);
      if (current.isPresent() && current.get().enabled()) {
        enabled = null; // read the list again next round
        dispatch(current.get(), now);
        continue;
      }
      ConcurrentLinkedQueue<OutboundMessage> dropped = handedOver.remove(id);
      while (dropped != null && dropped.poll() != null) {
        release(id);
      }
    }
  }

  private void send(RelayEndpoint endpoint, OutboundMessage message, AtomicInteger busy) {
    long startedAt = clock.millis();
    long start = System.nanoTime();
    if (message.body() == null) {
      finish(
          endpoint,
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
          endpoint,
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
    String reference = referenceId(body);
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
              finish(
                  endpoint,
                  busy,
                  new Finished(result(message, startedAt, start, status, error), false));
            });
  }

  private AttemptResult result(
      OutboundMessage message, long startedAt, long startNanos, Integer status, String error) {
    return new AttemptResult(
        message, startedAt, (System.nanoTime() - startNanos) / 1_000_000, status, error);
  }

  private void finish(RelayEndpoint endpoint, AtomicInteger busy, Finished done) {
    finished.add(done);
    finishedWaiting.incrementAndGet();
    firstFinishedNanos.compareAndSet(0, System.nanoTime() | 1); // never 0 once set
    if (endpoint.ordered()) {
      orderedFinished = true; // its user's next message waits for this record
    }
    busy.decrementAndGet();
    wake.raise();
  }

  /**
   * Whether the results waiting should be recorded now rather than lingering: a record is a
   * transaction (on SQLite an fsync) whatever its size, and a delivered message needs no hurry (it
   * stays leased here until then, and a crash before the record only sends it again, which
   * at-least-once allows). An ordered endpoint's result goes at once: its user's next message is
   * claimed only after it.
   */
  private boolean recordDue(boolean force) {
    long first = firstFinishedNanos.get();
    return force
        || orderedFinished
        || finishedWaiting.get() >= RECORD_ENOUGH
        || (first != 0 && System.nanoTime() - first >= RECORD_LINGER_NANOS);
  }

  /** How long the loop may sleep: until the waiting results are due, else one poll interval. */
  private long sleepMs() {
    long first = firstFinishedNanos.get();
    long poll = settings.pollEvery().toMillis();
    if (first == 0 || !lastRecord.isDone()) {
      return poll; // nothing waits, or the record in flight wakes the loop when it is done
    }
    long due = (RECORD_LINGER_NANOS - (System.nanoTime() - first)) / 1_000_000L;
    return Math.max(1, Math.min(poll, due));
  }

  /**
   * Records what finished since the last record, one write at a time: while one is waiting for its
   * commit, results gather here and go together in the next (a write per round would cost a
   * statement or three and, on SQLite, a commit per message or two).
   */
  private void recordFinished(boolean force) {
    if (!lastRecord.isDone()) {
      return; // its completion wakes the loop again
    }
    if (finished.isEmpty()) {
      firstFinishedNanos.set(0); // a finish racing a drain may have left it set
      return;
    }
    // a finish racing the last drain may have left its result without a start: lingering starts now
    firstFinishedNanos.compareAndSet(0, System.nanoTime() | 1);
    if (!recordDue(force)) {
      return;
    }
    firstFinishedNanos.set(0);
    orderedFinished = false;
    List<Finished> batch = new ArrayList<>();
    Finished next;
    while ((next = finished.poll()) != null) {
      batch.add(next);
    }
    finishedWaiting.addAndGet(-batch.size());
    if (batch.isEmpty()) {
      return;
    }
    long now = clock.millis();
    List<OutboxStore.Outcome> outcomes = new ArrayList<>(batch.size());
    for (Finished done : batch) {
      outcomes.add(retries.after(done.result(), done.permanent(), now));
    }
    long disableBefore = now - settings.disableAfter().toMillis();
    lastRecord =
        writer
            .submit(handle -> outbox.record(handle, outcomes, instance, now, disableBefore))
            .whenComplete(
                (disabled, failure) -> {
                  if (failure != null) {
                    // not recorded: their leases still hold them; try again next round
                    finished.addAll(batch);
                    finishedWaiting.addAndGet(batch.size());
                    firstFinishedNanos.compareAndSet(0, System.nanoTime() | 1);
                    LOG.warn(
                        "relay: recording {} attempts failed ({}); retrying",
                        batch.size(),
                        failure.getClass().getSimpleName());
                    return; // retried on the next round (a poll interval at most)
                  }
                  reported(outcomes, disabled);
                });
    // once done (the loop checks isDone), what finished meanwhile goes in the next write
    lastRecord.thenRun(
        () -> {
          if (!finished.isEmpty()) {
            wake.raise();
          }
        });
  }

  private void reported(List<OutboxStore.Outcome> outcomes, List<String> disabled) {
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
            LogText.of(message.traceId()),
            message.endpointId(),
            message.attempt(),
            result.error());
      } else if (LOG.isDebugEnabled()) {
        LOG.debug(
            "relay: message {} (trace={}) to endpoint {} attempt {}: {}",
            message.eventId(),
            LogText.of(message.traceId()),
            message.endpointId(),
            message.attempt(),
            result.delivered() ? result.status() : result.error());
      }
    }
    for (String endpoint : disabled) {
      metrics.endpointDisabled(endpoint);
      LOG.warn(
          "relay: endpoint {} disabled: it failed for {} without one success; fix it and PATCH"
              + " /admin/relay/endpoints/{} {\"enabled\": true}",
          endpoint,
          // PT72H -> 72h
          settings.disableAfter().toString().substring(2).toLowerCase(java.util.Locale.ROOT),
          endpoint);
    }
  }

  /** On its own thread: a slow query here never delays a send. */
  private void updateGauges() {
    try {
      long now = clock.millis();
      for (RelayEndpoint endpoint : endpoints.all()) {
        Long oldest = outbox.oldestPendingMs(endpoint.id());
        metrics.oldestPending(endpoint.id(), oldest == null ? 0 : Math.max(0, now - oldest));
      }
    } catch (RuntimeException e) {
      LOG.debug("relay: gauges not updated ({})", e.getClass().getSimpleName());
    }
  }

  /**
   * Terra's reference id (the app's user id) when the event carries one: {@code user.reference_id},
   * else a top-level {@code reference_id}; with repeated keys the last counts, as in a parsed tree.
   * Streams over the body without building a tree (it runs once per attempt).
   */
  static String referenceId(String body) {
    return referenceId(body.getBytes(StandardCharsets.UTF_8));
  }

  /** From the UTF-8 bytes about to be sent: no second decoding of a body that may be large. */
  static String referenceId(byte[] body) {
    try (JsonParser parser = JSON.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String user = null;
      String top = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("user")) {
          user = value == JsonToken.START_OBJECT ? ownReferenceId(parser) : skip(parser);
        } else if (name.equals("reference_id")) {
          top = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
        } else {
          parser.skipChildren();
        }
      }
      return user != null ? user : top;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The reference_id of the object the parser is at (its last one), or null; reads to its end. */
  private static String ownReferenceId(JsonParser parser) throws IOException {
    String reference = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean isReference = parser.currentName().equals("reference_id");
      JsonToken value = parser.nextToken();
      if (isReference) {
        reference = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
      } else {
        parser.skipChildren();
      }
    }
    return reference;
  }

  private static String skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  /** Header values come from Terra: no control characters, bounded. */
  static String headerSafe(String value) {
    String cleaned = CONTROL.matcher(value).replaceAll("");
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
      lastRecord.get(5, TimeUnit.SECONDS); // the write in flight, then what finished since
      recordFinished(true);
      lastRecord.get(5, TimeUnit.SECONDS);
    } catch (RuntimeException | java.util.concurrent.ExecutionException | TimeoutException e) {
      LOG.warn("relay: could not record the last attempts ({})", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    gauges.shutdownNow();
    httpTasks.shutdownNow();
  }
}
