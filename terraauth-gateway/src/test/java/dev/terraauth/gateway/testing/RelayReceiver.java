package dev.terraauth.gateway.testing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's relay endpoint for tests: a real HTTP server that verifies every message with the
 * published Standard Webhooks library ({@code com.standardwebhooks:standardwebhooks}, an
 * implementation independent of ours), records what arrived, and can fail a share of attempts with
 * 500 or refuse to answer at all ("down").
 */
public final class RelayReceiver implements AutoCloseable {
  /** One verified message as received. */
  public record Received(
      String webhookId, Map<String, List<String>> headers, byte[] body, long receivedAtNanos) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Webhook> verifiers = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> inFlightById = new ConcurrentHashMap<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger refusedSignatures = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private volatile double failShare;
  private volatile boolean down;
  private volatile long delayMillis;

  private RelayReceiver(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Listens on a free loopback port, verifying with any of {@code secrets} (whsec_...). */
  public static RelayReceiver start(String... secrets) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    ExecutorService threads = Executors.newFixedThreadPool(32);
    RelayReceiver receiver = new RelayReceiver(server, threads);
    for (String secret : secrets) {
      receiver.verifiers.add(new Webhook(secret));
    }
    server.createContext("/", receiver::handle);
    server.setExecutor(threads);
    server.start();
    return receiver;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/terra-events");
  }

  /** Verifies with these secrets from now on (replacing the others). */
  public void verifyWith(String... secrets) {
    List<Webhook> next = new ArrayList<>();
    for (String secret : secrets) {
      next.add(new Webhook(secret));
    }
    verifiers.clear();
    verifiers.addAll(next);
  }

  /** Answers 500 to this share (0..1) of the attempts, at random. */
  public void failShare(double share) {
    this.failShare = share;
  }

  /** While down, every attempt gets its connection closed without an answer. */
  public void down(boolean isDown) {
    this.down = isDown;
  }

  /** Waits this long before answering. */
  public void delay(long millis) {
    this.delayMillis = millis;
  }

  private void handle(HttpExchange exchange) throws IOException {
    attempts.incrementAndGet();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (down) {
        exchange.close(); // no answer at all: the relay sees an I/O error
        return;
      }
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      AtomicInteger concurrent =
          inFlightById.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger());
      if (concurrent.incrementAndGet() > 1) {
        overlaps.incrementAndGet(); // the same message in flight twice at once
      }
      try {
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        if (!verified(body, exchange.getRequestHeaders())) {
          refusedSignatures.incrementAndGet();
          exchange.sendResponseHeaders(401, -1);
          return;
        }
        if (failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare) {
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        received.add(
            new Received(id, Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
        exchange.sendResponseHeaders(204, -1);
      } finally {
        concurrent.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean verified(byte[] body, Map<String, List<String>> headers) {
    String payload = new String(body, StandardCharsets.UTF_8);
    Map<String, List<String>> lower = new java.util.HashMap<>();
    headers.forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
    for (Webhook verifier : verifiers) {
      try {
        verifier.verify(payload, lower);
        return true;
      } catch (WebhookVerificationException e) {
        // try the next secret
      }
    }
    return false;
  }

  /** Messages answered 2xx, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  public int attempts() {
    return attempts.get();
  }

  public int refusedSignatures() {
    return refusedSignatures.get();
  }

  /** Times a message arrived while an attempt of the same webhook-id was still being answered. */
  public int overlaps() {
    return overlaps.get();
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
