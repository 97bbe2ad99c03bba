package dev.terraauth.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed webhooks the way Terra does: POST JSON with {@code X-Terra-Signature} and the
 * deprecated {@code Terra-Signature}, a trace id stable across retries, {@code terra-reference} and
 * {@code X-Terra-Ordering-Timestamp}; retries on a schedule; at least once, in no promised order. A
 * small fixed scheduler does the work; {@link #close} stops it.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** How many deliveries the admin API remembers. */
  private static final int MAX_KEPT = 10_000;

  private static final String WRONG_SECRET = "emulator-fault-wrong-signing-secret";

  private final EmulatorClock clock;
  private final List<Duration> retrySchedule;
  private final Duration timeout;
  private final FaultSwitch faults;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService httpExecutor;
  private final HttpClient http;
  private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
  private final List<Delivery> held = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong lastOrdering = new AtomicLong();

  private final java.util.function.Function<String, java.util.Optional<EmulatorAccount>> accounts;

  WebhookDispatcher(
      EmulatorClock clock,
      List<Duration> retrySchedule,
      Duration timeout,
      FaultSwitch faults,
      java.util.function.Function<String, java.util.Optional<EmulatorAccount>> accounts) {
    this.accounts = accounts;
    this.clock = clock;
    this.retrySchedule = List.copyOf(retrySchedule);
    this.timeout = timeout;
    this.faults = faults;
    this.scheduler = Executors.newScheduledThreadPool(4, daemonThreads("terra-emulator-webhook"));
    this.httpExecutor = Executors.newFixedThreadPool(2, daemonThreads("terra-emulator-http"));
    this.http =
        HttpClient.newBuilder()
            // Terra delivers plain HTTP/1.1; the JDK default (HTTP/2) would add an h2c Upgrade.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .executor(httpExecutor)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Queues an event for the account's webhook URL after {@code delay}. */
  WebhookDelivery emit(
      EmulatorAccount account,
      String type,
      Map<String, Object> payload,
      String reference,
      Duration delay) {
    long now = clock.millis();
    long ordering = lastOrdering.updateAndGet(last -> Math.max(now, last + 1));
    Delivery delivery =
        new Delivery(
            sequence.incrementAndGet(),
            UUID.randomUUID().toString(),
            type,
            account,
            Json.bytes(payload),
            ordering,
            reference);
    synchronized (deliveries) {
      deliveries.add(delivery);
      if (deliveries.size() > MAX_KEPT) {
        deliveries.remove(0);
      }
    }
    if (account.webhookUrl() == null) {
      delivery.state = WebhookDelivery.State.NO_DESTINATION;
      return delivery.view();
    }
    if (delay.isZero()) {
      release(delivery);
    } else {
      schedule(() -> release(delivery), delay);
    }
    return delivery.view();
  }

  List<WebhookDelivery> deliveries() {
    synchronized (deliveries) {
      return deliveries.stream().map(Delivery::view).toList();
    }
  }

  /** Sends every delivery the out-of-order fault is holding back, newest first. */
  void flush() {
    List<Delivery> released;
    synchronized (held) {
      released = new ArrayList<>(held);
      held.clear();
    }
    Collections.reverse(released);
    if (!released.isEmpty()) {
      schedule(() -> released.forEach(delivery -> send(delivery, 0)), Duration.ZERO);
    }
  }

  private void release(Delivery delivery) {
    if (!faults.get().webhooks().outOfOrder()) {
      schedule(() -> send(delivery, 0), Duration.ZERO);
      return;
    }
    synchronized (held) {
      held.add(delivery);
      if (held.size() < 2) {
        return;
      }
    }
    flush();
  }

  private void send(Delivery delivery, int retriesSoFar) {
    send(delivery, retriesSoFar, true);
  }

  /** One attempt; {@code mayDuplicate} is false for an injected duplicate (no chains). */
  private void send(Delivery delivery, int retriesSoFar, boolean mayDuplicate) {
    // Like Terra, every attempt goes to the account's current URL and is signed with its secrets.
    accounts.apply(delivery.account.devId()).ifPresent(current -> delivery.account = current);
    if (delivery.account.webhookUrl() == null) {
      delivery.state = WebhookDelivery.State.NO_DESTINATION;
      return;
    }
    Faults.WebhookFaults webhookFaults = faults.get().webhooks();
    long timestamp = clock.instant().minus(webhookFaults.staleBy()).getEpochSecond();
    List<String> secrets =
        faults.fires(webhookFaults.wrongSecretRate())
            ? List.of(WRONG_SECRET)
            : delivery.account.signingSecrets();
    String signature = WebhookSigner.header(secrets, timestamp, delivery.body);
    HttpRequest request =
        HttpRequest.newBuilder(delivery.account.webhookUrl())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("X-Terra-Signature", signature)
            .header("Terra-Signature", signature)
            .header("X-Terra-Trace-Id", delivery.traceId)
            .header("terra-reference", delivery.reference)
            .header("X-Terra-Ordering-Timestamp", Long.toString(delivery.orderingTimestampMs))
            .header("User-Agent", "terra-auth-emulator")
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      status = 504;
    } catch (IOException e) {
      status = 503;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    delivery.attempts.incrementAndGet();
    delivery.lastStatus = status;
    if (status >= 200 && status < 300) {
      delivery.state = WebhookDelivery.State.DELIVERED;
      if (mayDuplicate && faults.fires(webhookFaults.duplicateRate())) {
        schedule(() -> send(delivery, retrySchedule.size(), false), Duration.ZERO);
      }
    } else if (retriesSoFar < retrySchedule.size()) {
      delivery.state = WebhookDelivery.State.RETRYING;
      schedule(() -> send(delivery, retriesSoFar + 1), retrySchedule.get(retriesSoFar));
    } else {
      delivery.state = WebhookDelivery.State.FAILED;
      LOG.info(
          "webhook {} ({}) to {} failed after {} attempts, last status {}",
          delivery.traceId,
          delivery.type,
          withoutQuery(delivery.account.webhookUrl()),
          delivery.attempts.get(),
          status);
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("webhook dispatcher closed; dropping a scheduled attempt");
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    httpExecutor.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A URL fit for logs: a webhook URL's query may carry a token. */
  private static String withoutQuery(URI url) {
    return url.getScheme() + "://" + url.getAuthority() + url.getPath();
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One delivery's mutable progress; its identity fields never change. */
  private static final class Delivery {
    final long id;
    final String traceId;
    final String type;
    volatile EmulatorAccount account;
    final byte[] body;
    final long orderingTimestampMs;
    final String reference;
    final AtomicInteger attempts = new AtomicInteger();
    volatile WebhookDelivery.State state = WebhookDelivery.State.PENDING;
    volatile int lastStatus;

    Delivery(
        long id,
        String traceId,
        String type,
        EmulatorAccount account,
        byte[] body,
        long orderingTimestampMs,
        String reference) {
      this.id = id;
      this.traceId = traceId;
      this.type = type;
      this.account = account;
      this.body = body;
      this.orderingTimestampMs = orderingTimestampMs;
      this.reference = reference;
    }

    WebhookDelivery view() {
      URI url = account.webhookUrl();
      return new WebhookDelivery(
          id,
          traceId,
          type,
          account.devId(),
          url == null ? null : url.toString(),
          attempts.get(),
          state,
          lastStatus,
          new String(body, StandardCharsets.UTF_8),
          orderingTimestampMs,
          reference);
    }
  }
}
