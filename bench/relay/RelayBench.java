import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * JVM), warms it up (intake, relay and replay in rounds of 2,000 until the JIT compilers are
 * nearly done) and measures, in one go:
 *
 * <ol>
 *   <li>intake: N signed 2 KB Terra deliveries from C closed-loop connections, no relay endpoint,
 *       twice (the better round is the intake's maximum rate on this machine, now);
 *   <li>relay throughput: an endpoint is created and the N events of the second round are replayed
 *       to it at once, twice; the time until the receiver has every one gives messages/s (the
 *       better replay, as for the intake);
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
  final ThreadLocal<Wire> wires = new ThreadLocal<>();
  final List<Wire> allWires = new java.util.concurrent.CopyOnWriteArrayList<>();
  static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
              return mac;
            } catch (java.security.GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });
  int gatewayPort;
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
    ServerSocket receiver = receiver();
    int port = freePort();
    gatewayPort = port;
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // e.g. a flight recording: RELAY_BENCH_GATEWAY_JVM="-XX:StartFlightRecording=filename=g.jfr"
    String jvm = System.getenv().getOrDefault("RELAY_BENCH_GATEWAY_JVM", "").strip();
    if (!jvm.isEmpty()) {
      command.addAll(List.of(jvm.split("\\s+")));
    }
    command.addAll(
        List.of(
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
    // e.g. RELAY_BENCH_SERVE_ARGS="--relay-concurrency 32": flags for the gateway's serve
    String serve = System.getenv().getOrDefault("RELAY_BENCH_SERVE_ARGS", "").strip();
    if (!serve.isEmpty()) {
      command.addAll(List.of(serve.split("\\s+")));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TERRAAUTH_ADMIN_TOKEN", ADMIN);
    builder.redirectErrorStream(true);
    builder.redirectOutput(Path.of(options.get("work"), "gateway-" + label + ".log").toFile());
    Process process = builder.start();
    gateway = "http://127.0.0.1:" + port;
    try {
      awaitReady();
      String receiverUrl = "http://127.0.0.1:" + receiver.getLocalPort() + "/hook";
      // warm-up, through intake, fresh relay and replay (claims), until the gateway's JIT compilers
      // are nearly done: in a short run they otherwise take half the gateway's CPU
      Usage usage = new Usage(process.pid());
      String warm = createEndpoint(receiverUrl);
      for (int round = 1; round <= 10; round++) {
        Usage.Snapshot from = usage.snapshot();
        String warmSince = java.time.Instant.now().toString();
        List<String> warmTraces = closedLoop(2_000, connections);
        awaitArrived(warmTraces, Duration.ofMinutes(3));
        int before = attempts.get();
        admin("POST", "/admin/relay/endpoints/" + warm + "/replay", "{\"since\":\"" + warmSince + "\"}");
        awaitAttempts(before + warmTraces.size(), Duration.ofMinutes(3));
        double compiling = usage.compilerSeconds(usage.snapshot()) - usage.compilerSeconds(from);
        System.out.printf(
            "RESULT %s warm-up round %d: 2000 deliveries relayed and replayed; JIT compilers %.2f s%n",
            label, round, compiling);
        if (compiling < 0.25) {
          break;
        }
      }
      admin("DELETE", "/admin/relay/endpoints/" + warm, null);
      arrived.clear();

      // the intake's rate is the better of two rounds (the first may still be warming up): the
      // relay's targets are set against the intake at its best
      double intakeRate = 0;
      List<String> traces = List.of();
      String since = null;
      for (int round = 1; round <= 2; round++) {
        since = java.time.Instant.now().toString();
        Usage.Snapshot phase = usage.snapshot();
        long start = System.nanoTime();
        traces = closedLoop(events, connections);
        double intakeSeconds = (System.nanoTime() - start) / 1e9;
        usage.report(label, "intake", phase);
        System.out.printf(
            "RESULT %s intake (no endpoint), round %d: %d deliveries from %d connections in %.2f s:"
                + " %.0f/s%n",
            label, round, events, connections, intakeSeconds, events / intakeSeconds);
        intakeRate = Math.max(intakeRate, events / intakeSeconds);
      }
      System.out.printf("RESULT %s intake (no endpoint), the better round: %.0f/s%n", label, intakeRate);

      // the relay's rate is the better of two replays of the same events, as the intake's is the
      // better of two rounds: its first replay may still be warming up (the JIT compiled for up to
      // 1.5 of a saturated phase's 5.4 CPU-seconds), and a target is set against each side at its best
      String endpoint = createEndpoint(receiverUrl);
      Usage.Snapshot phase;
      double relayRate = 0;
      for (int round = 1; round <= 2; round++) {
        arrived.clear();
        phase = usage.snapshot();
        long replayStart = System.nanoTime();
        String replayed =
            admin(
                "POST",
                "/admin/relay/endpoints/" + endpoint + "/replay",
                "{\"since\":\"" + since + "\"}");
        awaitArrived(traces, Duration.ofMinutes(5));
        double relaySeconds = (System.nanoTime() - replayStart) / 1e9;
        usage.report(label, "relay", phase);
        System.out.printf(
            "RESULT %s relay throughput, round %d: %d messages (replay answered %s) delivered in"
                + " %.2f s: %.0f/s%n",
            label, round, events, replayed.strip(), relaySeconds, events / relaySeconds);
        relayRate = Math.max(relayRate, events / relaySeconds);
      }
      System.out.printf(
          "RESULT %s relay throughput, the better round: %.0f/s (%.2fx the intake's %.0f/s)%n",
          label, relayRate, relayRate / intakeRate, intakeRate);

      arrived.clear();
      double rate = intakeRate / 2;
      // the open loop runs code the closed-loop warm-up did not (more connections, idle gaps,
      // small batches): measured cold, the JIT took a fifth of the 2 cores in the phase (6 of 34
      // CPU-seconds) recompiling the request path, so the same rate runs first, unmeasured
      Usage.Snapshot warmFrom = usage.snapshot();
      long[] warmLatencies = openLoop(rate, Math.min(10, latencySeconds));
      Arrays.sort(warmLatencies);
      System.out.printf(
          "RESULT %s latency warm-up at %.0f/s for %d s (not measured): p99=%.1f ms; JIT compilers"
              + " %.2f s%n",
          label, rate, Math.min(10, latencySeconds),
          warmLatencies[(int) Math.min(warmLatencies.length - 1, Math.ceil(warmLatencies.length * 0.99) - 1)] / 1e6,
          usage.compilerSeconds(usage.snapshot()) - usage.compilerSeconds(warmFrom));
      arrived.clear();
      phase = usage.snapshot();
      long[] latencies = openLoop(rate, latencySeconds);
      usage.report(label, "latency", phase);
      Arrays.sort(latencies);
      System.out.printf(
          "RESULT %s end-to-end latency at %.0f/s (half the intake's) for %d s: %d events,"
              + " p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
          label, rate, latencySeconds, latencies.length,
          latencies[latencies.length / 2] / 1e6,
          latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
          latencies[latencies.length - 1] / 1e6);

      arrived.clear();
      phase = usage.snapshot();
      long start = System.nanoTime();
      List<String> withRelay = closedLoop(events, connections);
      double acked = (System.nanoTime() - start) / 1e9;
      awaitArrived(withRelay, Duration.ofMinutes(5));
      usage.report(label, "intake+relay", phase);
      double all = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "RESULT %s intake with the relay on: %d deliveries in %.2f s (%.0f/s); all relayed"
              + " %.2f s after the first POST (%.0f/s end to end)%n",
          label, events, acked, events / acked, all, events / all);
      System.out.printf("RESULT %s receiver attempts: %d%n", label, attempts.get());
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      receiver.close();
    }
  }

  /**
   * Where the CPU went during a phase (from /proc: the gateway's JVM, every postgres process, this
   * JVM with its receiver, the rest of the machine) and what the gateway's group-commit writer did
   * (commits, writes, and the share of the phase it spent running batches, from /metrics).
   */
  final class Usage {
    record Snapshot(
        long epochMs, long nanos, long gateway, long postgres, long bench, long busy, double[] writer,
        Map<String, Long> threads) {}

    final long gatewayPid;
    final double tick;

    Usage(long gatewayPid) throws Exception {
      this.gatewayPid = gatewayPid;
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      this.tick = 1.0 / Double.parseDouble(new String(getconf.getInputStream().readAllBytes()).strip());
    }

    Snapshot snapshot() throws Exception {
      long postgres = 0;
      try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path entry : entries) {
          String stat = stat(entry);
          if (stat != null && stat.contains("(postgres)")) {
            postgres += ticks(stat);
          }
        }
      }
      String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < all.length && i <= 8; i++) {
        busy += i == 4 || i == 5 ? 0 : Long.parseLong(all[i]); // not idle, not iowait
      }
      return new Snapshot(
          System.currentTimeMillis(),
          System.nanoTime(),
          ticks(stat(Path.of("/proc", Long.toString(gatewayPid)))),
          postgres,
          ticks(stat(Path.of("/proc/self"))),
          busy,
          writer(),
          threads());
    }

    double compilerSeconds(Snapshot snapshot) {
      return snapshot.threads().entrySet().stream()
              .filter(thread -> thread.getKey().contains("CompilerThre"))
              .mapToLong(Map.Entry::getValue)
              .sum()
          * tick;
    }

    /** The gateway's CPU by thread name (digits folded: the HTTP pool's threads count as one). */
    Map<String, Long> threads() throws IOException {
      Map<String, Long> byName = new java.util.TreeMap<>();
      try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(gatewayPid), "task"))) {
        for (Path task : tasks) {
          String stat = stat(task);
          if (stat != null) {
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            byName.merge(name.replaceAll("[0-9]+", "#"), ticks(stat), Long::sum);
          }
        }
      }
      return byName;
    }

    void report(String label, String phase, Snapshot from) throws Exception {
      Snapshot to = snapshot();
      double wall = (to.nanos() - from.nanos()) / 1e9;
      double gateway = (to.gateway() - from.gateway()) * tick;
      double postgres = (to.postgres() - from.postgres()) * tick;
      double bench = (to.bench() - from.bench()) * tick;
      double busy = (to.busy() - from.busy()) * tick;
      double commits = to.writer()[0] - from.writer()[0];
      double writes = to.writer()[1] - from.writer()[1];
      double writing = to.writer()[2] - from.writer()[2];
      System.out.printf(
          "RESULT %s cpu %s: %.1f s wall, cpu s: gateway %.1f, postgres %.1f, bench+receiver %.1f,"
              + " other %.1f (machine busy %.1f of %.1f); writer: %.0f commits, %.1f writes each,"
              + " busy %.0f%% of the phase (%s to %s)%n",
          label, phase, wall, gateway, postgres, bench, Math.max(0, busy - gateway - postgres - bench),
          busy, wall * Runtime.getRuntime().availableProcessors(), commits,
          commits == 0 ? 0 : writes / commits, 100 * writing / wall,
          java.time.Instant.ofEpochMilli(from.epochMs()), java.time.Instant.ofEpochMilli(to.epochMs()));
      List<Map.Entry<String, Long>> used = new ArrayList<>();
      for (Map.Entry<String, Long> thread : to.threads().entrySet()) {
        long before = from.threads().getOrDefault(thread.getKey(), 0L);
        if (thread.getValue() - before > 0) {
          used.add(Map.entry(thread.getKey(), thread.getValue() - before));
        }
      }
      used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
      StringBuilder line = new StringBuilder();
      for (Map.Entry<String, Long> thread : used.subList(0, Math.min(8, used.size()))) {
        line.append(String.format(" %s %.2f,", thread.getKey(), thread.getValue() * tick));
      }
      System.out.printf("RESULT %s cpu %s, gateway threads (s):%s%n", label, phase, line);
    }

    double[] writer() throws Exception {
      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(gateway + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return new double[] {
        metric(metrics, "terraauth_writer_batch_size_count"),
        metric(metrics, "terraauth_writer_batch_size_sum"),
        metric(metrics, "terraauth_writer_commit_seconds_sum")
      };
    }

    static double metric(String metrics, String name) {
      for (String line : metrics.split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return 0;
    }

    static String stat(Path process) {
      try {
        return Files.readString(process.resolve("stat"));
      } catch (IOException gone) {
        return null;
      }
    }

    /** utime + stime: fields 14 and 15, counted after the ")" that ends the command name. */
    static long ticks(String stat) {
      if (stat == null) {
        return 0;
      }
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
  }

  /**
   * The app's receiver: answers 204 at once. A blocking socket per connection (the relay keeps at
   * most its concurrency open), so receiving costs one read and one write per message: the JDK's
   * HttpServer (with the JDK HttpClient as the sender) took about 330 µs of the 2 cores per event,
   * a third of the machine at the latency phase's rate, which measured the bench more than the
   * gateway.
   */
  ServerSocket receiver() throws IOException {
    ServerSocket server = new ServerSocket(0, 512, java.net.InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  Thread connection = new Thread(() -> receive(socket), "receiver");
                  connection.setDaemon(true);
                  connection.start();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "receiver-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  private void receive(Socket socket) {
    byte[] answer = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
      OutputStream out = socket.getOutputStream();
      while (true) {
        Map<String, String> head = Http.readHead(in);
        if (head == null) {
          return; // the relay closed this connection
        }
        Http.skipBody(in, head);
        long now = System.nanoTime();
        attempts.incrementAndGet();
        String trace = head.get("terra-trace-id");
        if (trace != null) {
          arrived.putIfAbsent(trace, now);
        }
        out.write(answer);
        out.flush();
      }
    } catch (IOException gone) {
      // the relay dropped the connection
    }
  }

  /** Just enough HTTP/1.1 for this bench's own two ends (fixed-length or chunked bodies). */
  static final class Http {
    /** The start line under key "", then each header by lower-case name; null at a clean EOF. */
    static Map<String, String> readHead(InputStream in) throws IOException {
      Map<String, String> head = new java.util.HashMap<>();
      String line = readLine(in);
      if (line == null) {
        return null;
      }
      head.put("", line);
      while (!(line = readLine(in)).isEmpty()) {
        int colon = line.indexOf(':');
        head.put(
            line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      return head;
    }

    static void skipBody(InputStream in, Map<String, String> head) throws IOException {
      String length = head.get("content-length");
      if (length != null) {
        skip(in, Long.parseLong(length));
      } else if ("chunked".equalsIgnoreCase(head.get("transfer-encoding"))) {
        long size;
        while ((size = Long.parseLong(readLine(in).split(";")[0].trim(), 16)) > 0) {
          skip(in, size + 2);
        }
        while (!readLine(in).isEmpty()) {
          // trailers
        }
      }
    }

    static int status(Map<String, String> head) {
      return Integer.parseInt(head.get("").split(" ")[1]);
    }

    private static void skip(InputStream in, long n) throws IOException {
      while (n > 0) {
        long skipped = in.skip(n);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException();
          }
          skipped = 1;
        }
        n -= skipped;
      }
    }

    /** A CRLF-terminated line; null at EOF before any byte. */
    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(64);
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          if (line.size() == 0) {
            return null;
          }
          throw new EOFException();
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }
  }

  /** One keep-alive connection to the gateway per sending thread. */
  static final class Wire {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    Wire(int port) throws IOException {
      socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = new BufferedOutputStream(socket.getOutputStream(), 4096);
      in = new BufferedInputStream(socket.getInputStream(), 4096);
    }

    /** Sends one request and reads its whole answer; returns the status. */
    int exchange(byte[] head, byte[] body) throws IOException {
      out.write(head);
      out.write(body);
      out.flush();
      Map<String, String> answer = Http.readHead(in);
      if (answer == null) {
        throw new EOFException("the gateway closed the connection");
      }
      Http.skipBody(in, answer);
      if ("close".equalsIgnoreCase(answer.get("connection"))) {
        socket.close();
      }
      return Http.status(answer);
    }
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
    closeWires();
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
    closeWires();
    awaitArrived(new ArrayList<>(scheduled.keySet()), Duration.ofMinutes(3));
    long[] latencies = new long[scheduled.size()];
    int i = 0;
    for (Map.Entry<String, Long> event : scheduled.entrySet()) {
      latencies[i++] = arrived.get(event.getKey()) - event.getValue();
    }
    return latencies;
  }

  /** The phase's connections end with it (its threads are gone). */
  void closeWires() {
    for (Wire wire : allWires) {
      try {
        wire.socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    allWires.clear();
  }

  String trace() {
    return "relay-bench-" + run + "-" + sequence.incrementAndGet();
  }

  String post() {
    String trace = trace();
    post(trace);
    return trace;
  }

  /**
   * A signed delivery over this thread's own keep-alive connection: the sender, like wrk for
   * bench/intake, is a blocking write and read, so the 2 cores go to the gateway (the JDK
   * HttpClient cost about as much CPU per request as the gateway's intake).
   */
  void post(String trace) {
    byte[] body = body(trace, 2048);
    long t = System.currentTimeMillis() / 1000;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        Mac mac = MACS.get();
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        String signature = "t=" + t + ",v1=" + HEX.formatHex(mac.doFinal(body));
        byte[] head =
            ("POST /webhooks/terra HTTP/1.1\r\nHost: 127.0.0.1:" + gatewayPort
                    + "\r\nContent-Type: application/json\r\nterra-signature: " + signature
                    + "\r\nX-Terra-Trace-Id: " + trace + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Wire wire = wires.get();
        if (wire == null || wire.socket.isClosed()) {
          wire = new Wire(gatewayPort);
          wires.set(wire);
          allWires.add(wire);
        }
        int status;
        try {
          status = wire.exchange(head, body);
        } catch (IOException e) {
          wire.socket.close();
          throw e;
        }
        if (status == 200) {
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

  void awaitAttempts(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (attempts.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException((count - attempts.get()) + " replayed messages never arrived");
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
