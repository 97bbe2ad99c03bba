package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny webhook receiver on port 0 that records every delivery it gets. */
final class WebhookReceiver implements AutoCloseable {
  /** One received POST. Header names are lower-cased. */
  record Received(Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String type() {
      return json().path("type").asText();
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger stallsLeft = new AtomicInteger();
  private volatile String stallType = "";
  private volatile String failType = "";
  private final java.util.concurrent.ExecutorService handlers =
      java.util.concurrent.Executors.newCachedThreadPool();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) ->
                      headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
          received.add(new Received(headers, body));
          boolean stallable =
              new String(body, StandardCharsets.UTF_8).contains("\"type\":\"" + stallType + "\"");
          if (stallable && stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            try {
              Thread.sleep(1500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          boolean failable =
              new String(body, StandardCharsets.UTF_8).contains("\"type\":\"" + failType + "\"");
          int status =
              failable && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.setExecutor(handlers);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/terra");
  }

  /** The next {@code count} deliveries of event {@code type} are answered 500. */
  void failNext(int count, String type) {
    failType = type;
    failuresLeft.set(count);
  }

  /** The next {@code count} deliveries of event {@code type} are answered only after 1.5 s. */
  void stallNext(int count, String type) {
    stallType = type;
    stallsLeft.set(count);
  }

  /** The next delivery, failing the test when none comes within 10 s. */
  Received next() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no webhook arrived within 10 s");
    }
    return next;
  }

  /** The next {@code count} deliveries carrying {@code traceId}, skipping any others. */
  List<Received> next(int count, String traceId) throws InterruptedException {
    List<Received> matching = new ArrayList<>();
    while (matching.size() < count) {
      Received next = next();
      if (traceId.equals(next.header("X-Terra-Trace-Id"))) {
        matching.add(next);
      }
    }
    return matching;
  }

  /** The next deliveries. */
  List<Received> next(int count) throws InterruptedException {
    List<Received> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(next());
    }
    return all;
  }

  /** What arrived so far and was not taken. */
  List<Received> drain() {
    List<Received> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
