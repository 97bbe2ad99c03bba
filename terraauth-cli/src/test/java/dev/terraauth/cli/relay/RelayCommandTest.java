package dev.terraauth.cli.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.serve.RunningGateway;
import dev.terraauth.cli.serve.ServeCommand;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.relay.RelaySecret;
import dev.terraauth.gateway.relay.StandardWebhookSigner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code terra-auth relay ...} against a real local gateway and {@code relay listen}. */
class RelayCommandTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  static final String ADMIN_TOKEN = "fake-admin-token-for-tests-0001";

  @TempDir Path workingDirectory;

  record Run(int exit, String out, String err) {}

  Run run(Map<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(variables, new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  static void awaitUntil(String what, Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void listenVerifiesWhatTheRelayPushesAndTheAdminCommandsWork() throws Exception {
    String secret = RelaySecret.generate().reveal();
    int listenPort = freePort();
    StringWriter heard = new StringWriter();
    AtomicInteger listenExit = new AtomicInteger(-1);
    Thread listener = listen(secret, heard, listenExit, listenPort, "--json", "--body");

    Map<String, String> admin = Map.of("TERRAAUTH_ADMIN_TOKEN", ADMIN_TOKEN);
    CommandLine cli =
        TerraAuthCli.create(
            new CliContext(
                Map.of("TERRAAUTH_ADMIN_TOKEN", ADMIN_TOKEN, "TERRAAUTH_RELAY_SECRET", secret),
                new Properties(),
                workingDirectory));
    cli.setOut(new PrintWriter(new StringWriter()));
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "serve",
            "--port",
            "0",
            "--emulator-port",
            "0",
            "--data-dir",
            "data",
            "--reconcile-every",
            "PT0S",
            "--relay-url",
            "http://127.0.0.1:" + listenPort + "/");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    try (RunningGateway gateway = serve.start()) {
      String url = gateway.url().toString();
      assertThat(
              run(
                      Map.of(),
                      "trigger",
                      "deauth",
                      "--to",
                      url + "/webhooks/terra",
                      "--user-id",
                      "u-relay-1")
                  .exit())
          .isZero();
      listener.join(30_000);
      assertThat(listenExit.get()).as(heard.toString()).isZero();
      String line =
          heard.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
      JsonNode message = JSON.readTree(line);
      assertThat(message.get("verified").asBoolean()).isTrue();
      assertThat(message.get("type").asText()).isEqualTo("deauth");
      assertThat(message.get("body").asText()).contains("u-relay-1");
      String webhookId = message.get("webhook_id").asText();

      awaitUntil(
          "the attempt recorded",
          Duration.ofSeconds(30),
          () ->
              run(admin, "relay", "attempts", "config", "--gateway", url, "--json")
                  .out()
                  .contains(webhookId));
      Run endpoints = run(admin, "relay", "endpoints", "--gateway", url);
      assertThat(endpoints.exit()).as(endpoints.err()).isZero();
      assertThat(endpoints.out()).contains("config").contains("127.0.0.1:" + listenPort);

      Run created =
          run(
              admin,
              "relay",
              "endpoints",
              "create",
              "https://app.example/terra",
              "--event-types",
              "auth,activity",
              "--gateway",
              url,
              "--json");
      assertThat(created.exit()).as(created.err() + created.out()).isZero();
      JsonNode endpoint = JSON.readTree(created.out());
      String id = endpoint.get("id").asText();
      assertThat(endpoint.get("secret").asText()).startsWith("whsec_");
      Run shown = run(admin, "relay", "endpoints", "show", id, "--gateway", url);
      assertThat(shown.out()).contains("auth,activity").doesNotContain("whsec_");
      Run disabled =
          run(
              admin,
              "relay",
              "endpoints",
              "update",
              id,
              "--no-enabled",
              "--gateway",
              url,
              "--json");
      assertThat(JSON.readTree(disabled.out()).get("enabled").asBoolean()).isFalse();
      Run rotated = run(admin, "relay", "endpoints", "rotate-secret", id, "--gateway", url);
      assertThat(rotated.out()).contains("whsec_").contains("keeps signing until");
      Run replay =
          run(admin, "relay", "replay", "config", "--message", webhookId, "--gateway", url);
      assertThat(replay.exit()).as(replay.err()).isZero();
      assertThat(replay.out()).contains("queued 1");
      Run both = run(admin, "relay", "replay", "config", "--gateway", url);
      assertThat(both.exit()).isEqualTo(TerraAuthCli.USAGE);
      Run configured = run(admin, "relay", "endpoints", "delete", "config", "--gateway", url);
      assertThat(configured.exit()).isEqualTo(TerraAuthCli.PROBLEM);
      assertThat(configured.err() + configured.out()).contains("--relay-url");
      assertThat(run(admin, "relay", "endpoints", "delete", id, "--gateway", url).exit()).isZero();
      Run missing = run(admin, "relay", "endpoints", "show", id, "--gateway", url, "--json");
      assertThat(missing.exit()).isEqualTo(TerraAuthCli.PROBLEM);
    }
    Run noToken = run(Map.of(), "relay", "endpoints");
    assertThat(noToken.exit()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(noToken.err()).contains("TERRAAUTH_ADMIN_TOKEN");
    Run noSecret = run(Map.of(), "relay", "listen", "--port", "0");
    assertThat(noSecret.exit()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(noSecret.err()).contains("TERRAAUTH_RELAY_SECRET");
    Run badSecret =
        run(Map.of("TERRAAUTH_RELAY_SECRET", "whsec_c2hvcnQ="), "relay", "listen", "--port", "0");
    assertThat(badSecret.exit()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(badSecret.err()).contains("at least 24");
  }

  @Test
  void listenPrintsNoTerminalEscapesFromTheHeadersItIsSent() throws Exception {
    RelaySecret secret = RelaySecret.generate();
    int listenPort = freePort();
    StringWriter heard = new StringWriter();
    AtomicInteger listenExit = new AtomicInteger(-1);
    Thread listener = listen(secret.reveal(), heard, listenExit, listenPort);
    // anyone who can reach the port picks the headers: ESC ] 0 ; ... BEL retitles a terminal
    String hostile = "activity\u001b]0;owned\u0007\u001b[2J";
    byte[] body = "{\"type\":\"activity\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(post(listenPort, "terra-event-type: " + hostile + "\r\n", body))
        .startsWith("HTTP/1.1 401");
    long now = System.currentTimeMillis() / 1000;
    String signature = StandardWebhookSigner.signature("msg_escape", now, body, List.of(secret));
    String signed =
        "webhook-id: msg_escape\r\nwebhook-timestamp: "
            + now
            + "\r\nwebhook-signature: "
            + signature
            + "\r\nterra-event-type: "
            + hostile
            + "\r\n";
    assertThat(post(listenPort, signed, body)).startsWith("HTTP/1.1 204");
    listener.join(30_000);

    assertThat(listenExit.get()).as(heard.toString()).isZero();
    assertThat(heard.toString())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("- activity?]0;owned??[2J trace=- user=-")
        .contains("REFUSED")
        .contains("msg_escape activity?]0;owned??[2J trace=- user=- 19 bytes verified");
  }

  /**
   * Runs {@code relay listen --port PORT --count 1 EXTRA...} on a thread of its own with the
   * secret, printing into {@code heard}, its exit code into {@code exit}; returns once it is
   * listening.
   */
  private Thread listen(
      String secret, StringWriter heard, AtomicInteger exit, int port, String... extra)
      throws InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of("relay", "listen", "--port", Integer.toString(port), "--count", "1"));
    args.addAll(List.of(extra));
    Thread listener =
        new Thread(
            () -> {
              CommandLine cli =
                  TerraAuthCli.create(
                      new CliContext(
                          Map.of("TERRAAUTH_RELAY_SECRET", secret),
                          new Properties(),
                          workingDirectory));
              cli.setOut(new PrintWriter(heard, true));
              exit.set(cli.execute(args.toArray(String[]::new)));
            });
    listener.setDaemon(true);
    listener.start();
    awaitUntil("listening", Duration.ofSeconds(30), () -> heard.toString().contains("listening"));
    return listener;
  }

  /** One raw HTTP/1.1 POST (the JDK's client refuses control characters in header values). */
  private static String post(int port, String headers, byte[] body) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                  + body.length
                  + "\r\n"
                  + headers
                  + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
