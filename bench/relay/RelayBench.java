import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * bench/relay, run as a single source file with the CLI jar on the class path ({@code java -cp
 * terra-auth.jar RelayBench.java --cli-jar J --work DIR [--database-url URL]}). It starts a local
 * receiver that answers 204 at once, then {@code terra-auth serve} (local, the gateway in its own
 * JVM) and measures, in one go:
 *
 * <ol>
 *   <li>intake: N signed 2 KB Terra deliveries from C closed-loop connections, no relay endpoint
 *       (the intake's maximum rate on this machine, now);
 *   <li>relay throughput: an endpoint is created and all N events are replayed to it at once; the
 *       time until the receiver has every one gives messages/s;
 *   <li>end-to-end latency at half the intake's rate (open loop, from the scheduled POST to the
 *       receiver's arrival, so a stall counts against the gateway): p50 / p99;
 *   <li>intake with the relay on (closed loop again), and how long the relay needs after it.
 * </ol>
 *
 * Prints RESULT lines (key=value).
 */
public final class RelayBench {
  static final String SECRET = "local-signing-secret-not-secret-0000";
  static final String ADMIN = "bench-admin-token-not-secret-0000";
  static final HexFormat HEX = HexFormat.of();

  final Map<String, Long> arrived = new ConcurrentHashMap<>();
  final AtomicInteger attempts = new AtomicInteger();
  final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final String run = Long.toString(System.nanoTime(), 36);
  final AtomicLong sequence = new AtomicLong();
  String gateway;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new RelayBench().run(options);
    System.exit(0); // the receiver's and senders' pools are not daemon threads
  }

  void run(Map<String, String> options) throws Exception {
    int events = Integer.parseInt(options.getOrDefault("events", "8000"));
    int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
    int latencySeconds = Integer.parseInt(options.getOrDefault("latency-seconds", "15"));
    String label = options.getOrDefault("label", "sqlite");
    HttpServer receiver = receiver();
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                options.get("cli-jar"),
                "serve",
                "--port",
                Integer.toString(port),
                "--emulator-port",
                Integer.toString(freePort()),
                "--reconcile-every",
                "PT0S",
                "--data-dir",
                Path.of(options.get("work"), "data-" + label).toString()));
    if (options.containsKey("database-url")) {
      command.add("--database-url");
      command.add(options.get("database-url"));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TERRAAUTH_ADMIN_TOKEN", ADMIN);
    builder.redirectErrorStream(true);
    builder.redirectOutput(Path.of(options.get("work"), "gateway-" + label + ".log").toFile());
    Process process = builder.start();
    gateway = "http://127.0.0.1:" + port;
    try {
      awaitReady();
      String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      // warm-up: the JIT of both sides, through intake and relay
      String warm = createEndpoint(receiverUrl);
      List<String> warmTraces = closedLoop(2_000, connections);
      awaitArrived(warmTraces, Duration.ofMinutes(3));
      admin("DELETE", "/admin/relay/endpoints/" + warm, null);
      arrived.clear();

      String since = java.time.Instant.now().toString();
      long start = System.nanoTime();
      List<String> traces = closedLoop(events, connections);
      double intakeSeconds = (System.nanoTime() - start) / 1e9;
      double intakeRate = events / intakeSeconds;
      System.out.printf(
          "RESULT %s intake (no endpoint): %d deliveries from %d connections in %.2f s: %.0f/s%n",
          label, events, connections, intakeSeconds, intakeRate);

      String endpoint = createEndpoint(receiverUrl);
      long replayStart = System.nanoTime();
      String replayed =
          admin(
              "POST",
              "/admin/relay/endpoints/" + endpoint + "/replay",
              "{\"since\":\"" + since + "\"}");
      awaitArrived(traces, Duration.ofMinutes(5));
      double relaySeconds = (System.nanoTime() - replayStart) / 1e9;
      System.out.printf(
          "RESULT %s relay throughput: %d messages (replay answered %s) delivered in %.2f s:"
              + " %.0f/s (%.2fx the intake's %.0f/s)%n",
          label, events, replayed.strip(), relaySeconds, events / relaySeconds,
          events / relaySeconds / intakeRate, intakeRate);

      arrived.clear();
      double rate = intakeRate / 2;
      long[] latencies = openLoop(rate, latencySeconds);
      Arrays.sort(latencies);
      System.out.printf(
          "RESULT %s end-to-end latency at %.0f/s (half the intake's) for %d s: %d events,"
              + " p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
          label, rate, latencySeconds, latencies.length,
          latencies[latencies.length / 2] / 1e6,
          latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
          latencies[latencies.length - 1] / 1e6);

      arrived.clear();
      start = System.nanoTime();
      List<String> withRelay = closedLoop(events, connections);
      double acked = (System.nanoTime() - start) / 1e9;
      awaitArrived(withRelay, Duration.ofMinutes(5));
      double all = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "RESULT %s intake with the relay on: %d deliveries in %.2f s (%.0f/s); all relayed"
              + " %.2f s after the first POST (%.0f/s end to end)%n",
          label, events, acked, events / acked, all, events / all);
      System.out.printf("RESULT %s receiver attempts: %d%n", label, attempts.get());
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      receiver.stop(0);
    }
  }

  HttpServer receiver() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    ExecutorService threads = Executors.newFixedThreadPool(16);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            long now = System.nanoTime();
            attempts.incrementAndGet();
            String trace = exchange.getRequestHeaders().getFirst("terra-trace-id");
            if (trace != null) {
              arrived.putIfAbsent(trace, now);
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
    return server;
  }

  /** n deliveries from c threads, each waiting for its 200 before the next; returns the traces. */
  List<String> closedLoop(int n, int c) throws Exception {
    List<String> traces = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      Thread thread =
          new Thread(
              () -> {
                while (next.getAndIncrement() < n) {
                  traces.add(post());
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return traces;
  }

  /** Sends at a fixed rate for the given time; returns each event's POST-to-arrival latency. */
  long[] openLoop(double rate, int seconds) throws Exception {
    int total = (int) (rate * seconds);
    long intervalNanos = (long) (1e9 / rate);
    Map<String, Long> scheduled = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(64);
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      long at = start + i * intervalNanos;
      senders.submit(
          () -> {
            long wait = at - System.nanoTime();
            if (wait > 0) {
              try {
                TimeUnit.NANOSECONDS.sleep(wait);
              } catch (InterruptedException e) {
                return;
              }
            }
            String trace = trace();
            scheduled.put(trace, at); // from the intended time: a stalled sender counts too
            post(trace);
          });
    }
    senders.shutdown();
    senders.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
    awaitArrived(new ArrayList<>(scheduled.keySet()), Duration.ofMinutes(3));
    long[] latencies = new long[scheduled.size()];
    int i = 0;
    for (Map.Entry<String, Long> event : scheduled.entrySet()) {
      latencies[i++] = arrived.get(event.getKey()) - event.getValue();
    }
    return latencies;
  }

  String trace() {
    return "relay-bench-" + run + "-" + sequence.incrementAndGet();
  }

  String post() {
    String trace = trace();
    post(trace);
    return trace;
  }

  void post(String trace) {
    byte[] body = body(trace, 2048);
    long t = System.currentTimeMillis() / 1000;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        String signature = "t=" + t + ",v1=" + HEX.formatHex(mac.doFinal(body));
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/webhooks/terra"))
                    .header("terra-signature", signature)
                    .header("X-Terra-Trace-Id", trace)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
        Thread.sleep(50);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("delivery " + trace + " not accepted after 20 attempts");
  }

  static byte[] body(String trace, int size) {
    String head =
        "{\"type\":\"activity\",\"user\":{\"user_id\":\"bench-user-"
            + (trace.hashCode() & 1023)
            + "\",\"provider\":\"GARMIN\",\"reference_id\":\"bench\"},\"data\":[{\"id\":\""
            + trace
            + "\",\"samples\":\"";
    String tail = "\"}]}";
    int padding = Math.max(0, size - head.length() - tail.length());
    return (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.UTF_8);
  }

  String createEndpoint(String url) throws Exception {
    String answer = admin("POST", "/admin/relay/endpoints", "{\"url\":\"" + url + "\"}");
    return answer.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  String admin(String method, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  void awaitArrived(List<String> traces, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!arrived.keySet().containsAll(traces)) {
      if (System.nanoTime() > deadline) {
        long missing = traces.stream().filter(t -> !arrived.containsKey(t)).count();
        throw new IllegalStateException(missing + " of " + traces.size() + " never arrived");
      }
      Thread.sleep(5);
    }
  }

  void awaitReady() throws Exception {
    for (int i = 0; i < 480; i++) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the gateway did not start");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
