package dev.terraauth.cli.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.terraauth.cli.CliFailure;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.gateway.LogText;
import dev.terraauth.gateway.relay.RelaySecret;
import dev.terraauth.gateway.relay.StandardWebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code terra-auth relay listen}: a local receiver for the relay that verifies each message's
 * Standard Webhooks signature with the secret in TERRAAUTH_RELAY_SECRET and prints it.
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
      "A local receiver for testing the relay: verifies each message's Standard Webhooks",
      "signature with the secret(s) in TERRAAUTH_RELAY_SECRET (whsec_..., space-separated;",
      "never an argument), prints it, and answers 204 (verified) or 401 (not).",
      "Point the gateway at it: terra-auth serve --relay-url http://127.0.0.1:PORT/"
    })
final class ListenCommand implements Callable<Integer> {
  static final String SECRET_VARIABLE = "TERRAAUTH_RELAY_SECRET";
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      dev.terraauth.core.json.TerraJson.newMapper();

  @ParentCommand RelayCommand relay;

  @Option(
      names = "--port",
      defaultValue = "8790",
      description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--body", description = "Print each verified body too.")
  boolean printBody;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Stop after N verified messages (default: run until Ctrl-C).")
  Integer count;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<RelaySecret> secrets = secrets();
    StandardWebhookVerifier verifier =
        new StandardWebhookVerifier(secrets, StandardWebhookVerifier.DEFAULT_TOLERANCE);
    CountDownLatch done = new CountDownLatch(count == null ? Integer.MAX_VALUE : count);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    server.setExecutor(threads);
    PrintWriter out = relay.out();
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange, verifier, out, done);
          }
        });
    server.start();
    out.println(
        "listening on http://"
            + host
            + ":"
            + server.getAddress().getPort()
            + "/ (Standard Webhooks, "
            + secrets.size()
            + " secret(s)); Ctrl-C to stop");
    out.flush();
    try {
      done.await();
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
    return TerraAuthCli.OK;
  }

  private static String jsonLine(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private List<RelaySecret> secrets() {
    String text = relay.variables().get(SECRET_VARIABLE);
    if (text == null || text.isBlank()) {
      throw CliFailure.usage(
          "no secret: set " + SECRET_VARIABLE + " to the endpoint's whsec_... secret",
          "the one 'relay endpoints create' printed, or the gateway's own "
              + SECRET_VARIABLE
              + " for --relay-url");
    }
    List<RelaySecret> secrets = new ArrayList<>();
    for (String part : text.strip().split("\\s+")) {
      try {
        secrets.add(RelaySecret.parse(part, SECRET_VARIABLE));
      } catch (IllegalArgumentException e) {
        throw CliFailure.usage(e.getMessage(), null);
      }
    }
    return secrets;
  }

  private void handle(
      HttpExchange exchange, StandardWebhookVerifier verifier, PrintWriter out, CountDownLatch done)
      throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      exchange.sendResponseHeaders(413, -1);
      return;
    }
    var headers = exchange.getRequestHeaders();
    String id = headers.getFirst("webhook-id");
    Optional<String> problem =
        verifier.problem(
            id,
            headers.getFirst("webhook-timestamp"),
            headers.getFirst("webhook-signature"),
            body,
            Instant.now().getEpochSecond());
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("received_at", Instant.now().toString());
    line.put("webhook_id", id);
    line.put("type", headers.getFirst("terra-event-type"));
    line.put("trace_id", headers.getFirst("terra-trace-id"));
    line.put("terra_user_id", headers.getFirst("terra-user-id"));
    line.put("reference_id", headers.getFirst("terra-reference-id"));
    line.put("bytes", body.length);
    line.put("verified", problem.isEmpty());
    line.put("problem", problem.orElse(null));
    if (printBody && problem.isEmpty()) {
      line.put("body", new String(body, StandardCharsets.UTF_8));
    }
    synchronized (out) {
      if (relay.json) {
        out.println(jsonLine(line)); // one line per message, for jq and friends
      } else {
        out.printf(
            "%s %s %s trace=%s user=%s %d bytes %s%n",
            line.get("received_at"),
            shown(id),
            shown(line.get("type")),
            shown(line.get("trace_id")),
            shown(line.get("terra_user_id")),
            body.length,
            problem.map(p -> "REFUSED: " + p).orElse("verified"));
        if (line.containsKey("body")) {
          out.println(line.get("body"));
        }
      }
      out.flush();
    }
    exchange.sendResponseHeaders(problem.isEmpty() ? 204 : 401, -1);
    if (problem.isEmpty()) {
      done.countDown();
    }
  }

  /**
   * A header value as printed to the terminal: anyone who can reach the port chooses the headers,
   * so control characters (terminal escape sequences) are replaced, and a missing one shows as -.
   */
  static String shown(Object value) {
    return value == null ? "-" : LogText.of(value.toString());
  }
}
