package dev.terraauth.cli.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.terraauth.cli.Cli;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.serve.RunningGateway;
import dev.terraauth.cli.serve.ServeCommand;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.event.AuthFailureEvent;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TriggerCommandTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  static final String ADMIN_TOKEN = "fake-admin-token-for-tests-0000";

  @TempDir Path workingDirectory;

  record Received(byte[] body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  HttpServer receiver;
  URI receiverUrl;

  @BeforeEach
  void startPlainReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new Received(exchange.getRequestBody().readAllBytes(), exchange.getRequestHeaders()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    receiverUrl = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  CliRun run(Map<String, String> variables, String... args) {
    return Cli.run(variables, workingDirectory, args);
  }

  WebhookVerifier localVerifier() {
    return WebhookVerifier.builder()
        .secrets(
            CredentialsLoader.builder()
                .environmentVariables(Map.of())
                .workingDirectory(workingDirectory)
                .build()
                .signingSecrets(Environment.LOCAL))
        .build();
  }

  @Test
  void everyEventIsSignedSoCoresVerifierAcceptsItAndParsesTheEvent() throws Exception {
    SampleEvents samples = SampleEvents.load();
    assertThat(samples.all().keySet())
        .contains(
            "auth",
            "auth_cancelled",
            "auth_failed_legacy",
            "deauth",
            "user_reauth",
            "access_revoked",
            "connection_error",
            "permission_change",
            "activity",
            "sleep",
            "daily",
            "body",
            "s3_payload");
    WebhookVerifier verifier = localVerifier();
    for (String event : samples.all().keySet()) {
      received.clear();
      CliRun run =
          run(
              Map.of(),
              "trigger",
              event,
              "--to",
              receiverUrl.toString(),
              "--user-id",
              "u-42",
              "--reference-id",
              "app-user-7",
              "--provider",
              "OURA");
      assertThat(run.exitCode()).as(event + ": " + run.err()).isZero();
      assertThat(run.out()).contains("#1 " + event + " -> 200 in ");
      assertThat(received).hasSize(1);
      Received delivery = received.get(0);
      VerifiedWebhook webhook = verifier.verify(delivery.body(), delivery::header);
      assertThat(webhook.matchedSecret().environment()).isEqualTo(Environment.LOCAL);
      assertThat(delivery.header("X-Terra-Trace-Id")).isNotBlank();
      assertThat(delivery.header("terra-reference")).isNotBlank();
      assertThat(delivery.header("X-Terra-Ordering-Timestamp")).matches("\\d{13}");
      assertThat(delivery.header("Upgrade")).as("plain HTTP/1.1, as Terra sends").isNull();
      assertThat(delivery.header("HTTP2-Settings")).isNull();
      JsonNode body = JSON.readTree(delivery.body());
      if (body.has("user")) {
        assertThat(body.path("user").path("user_id").asText()).isEqualTo("u-42");
        assertThat(body.path("user").path("provider").asText()).isEqualTo("OURA");
        assertThat(body.path("user").path("reference_id").asText()).isEqualTo("app-user-7");
      }
    }
  }

  @Test
  void failureEventsComeInBothShapes() throws Exception {
    WebhookVerifier verifier = localVerifier();
    run(Map.of(), "trigger", "auth_cancelled", "--to", receiverUrl.toString());
    run(Map.of(), "trigger", "auth_failed_legacy", "--to", receiverUrl.toString());
    AuthFailureEvent current =
        (AuthFailureEvent) verifier.verify(received.get(0).body(), received.get(0)::header).event();
    AuthFailureEvent legacy =
        (AuthFailureEvent) verifier.verify(received.get(1).body(), received.get(1)::header).event();
    assertThat(current.shape()).isEqualTo(AuthFailureEvent.Shape.CURRENT);
    assertThat(legacy.shape()).isEqualTo(AuthFailureEvent.Shape.LEGACY);
  }

  @Test
  void repeatSendsNewDeliveriesAndSameDeliveryResendsOne() {
    assertThat(
            run(Map.of(), "trigger", "daily", "--to", receiverUrl.toString(), "--repeat", "3")
                .exitCode())
        .isZero();
    assertThat(received.stream().map(r -> r.header("X-Terra-Trace-Id")).distinct()).hasSize(3);
    received.clear();
    run(
        Map.of(),
        "trigger",
        "daily",
        "--to",
        receiverUrl.toString(),
        "--repeat",
        "2",
        "--same-delivery");
    assertThat(received.stream().map(r -> r.header("X-Terra-Trace-Id")).distinct()).hasSize(1);
  }

  /** --timeout takes an ISO-8601 duration (through the command's own converter) or says how. */
  @Test
  void timeoutIsAnIsoDurationOrAClearUsageError() {
    CliRun bad =
        run(Map.of(), "trigger", "auth", "--to", receiverUrl.toString(), "--timeout", "10s");
    assertThat(bad.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(bad.err()).contains("--timeout").contains("'10s' is not an ISO-8601 duration");
    assertThat(received).isEmpty();
    CliRun zero =
        run(Map.of(), "trigger", "auth", "--to", receiverUrl.toString(), "--timeout", "PT0S");
    assertThat(zero.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(zero.err()).contains("--timeout must be positive");
    CliRun good =
        run(Map.of(), "trigger", "auth", "--to", receiverUrl.toString(), "--timeout", "PT5S");
    assertThat(good.exitCode()).isZero();
    assertThat(received).hasSize(1);
  }

  @Test
  void aReceiverThatAcceptsAStaleDeliveryFailsTheRun() {
    CliRun run = run(Map.of(), "trigger", "auth", "--to", receiverUrl.toString(), "--stale");
    assertThat(run.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(run.out()).contains("did not refuse a stale delivery");
    assertThat(localVerifierRejects(received.get(0))).isTrue();
  }

  boolean localVerifierRejects(Received delivery) {
    try {
      localVerifier().verify(delivery.body(), delivery::header);
      return false;
    } catch (RuntimeException expected) {
      return true;
    }
  }

  @Test
  void dataSendsYourOwnBodyAndJsonOutputParses() throws Exception {
    Path body = workingDirectory.resolve("mine.json");
    java.nio.file.Files.writeString(body, "{\"type\":\"healthcheck\",\"status\":\"ok\"}");
    CliRun run =
        run(Map.of(), "trigger", "--data", "mine.json", "--to", receiverUrl.toString(), "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode results = JSON.readTree(run.out());
    assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(results.get(0).get("latency_ms").isNumber()).isTrue();
    assertThat(new String(received.get(0).body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"healthcheck\",\"status\":\"ok\"}");
  }

  @Test
  void mistakesAreUsageErrorsAndJsonErrorsParse() throws Exception {
    CliRun unknown = run(Map.of(), "trigger", "bogus", "--to", receiverUrl.toString(), "--json");
    assertThat(unknown.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    JsonNode error = JSON.readTree(unknown.out()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("usage");
    assertThat(error.get("hint").asText()).contains("auth_cancelled");
    assertThat(run(Map.of(), "trigger", "auth").err()).contains("--to URL is required");
    assertThat(run(Map.of(), "trigger", "--list").out()).contains("permission_change");
    CliRun unreachable = run(Map.of(), "trigger", "auth", "--to", "http://127.0.0.1:1/x");
    assertThat(unreachable.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(unreachable.out()).contains("connection refused").doesNotContain("Exception");
    // .invalid never resolves (RFC 6761); the JDK client reports it inside a ConnectException
    CliRun unknownHost = run(Map.of(), "trigger", "auth", "--to", "http://no-such-host.invalid/x");
    assertThat(unknownHost.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(unknownHost.out()).contains("host not found").doesNotContain("connection refused");
  }

  @Test
  void theGatewayAcceptsTriggeredEventsAndRefusesForgedOnes() throws Exception {
    Map<String, String> variables = Map.of("TERRAAUTH_ADMIN_TOKEN", ADMIN_TOKEN);
    CommandLine cli =
        TerraAuthCli.create(new CliContext(variables, new Properties(), workingDirectory));
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
            "PT0S");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    try (RunningGateway gateway = serve.start()) {
      String hook = gateway.url() + "/webhooks/terra";
      CliRun accepted = run(Map.of(), "trigger", "deauth", "--to", hook, "--user-id", "u-gw-1");
      assertThat(accepted.exitCode()).as(accepted.out() + accepted.err()).isZero();
      assertThat(accepted.out()).contains("-> 200");
      assertThat(run(Map.of(), "trigger", "deauth", "--to", hook, "--wrong-secret").exitCode())
          .isZero();
      assertThat(run(Map.of(), "trigger", "deauth", "--to", hook, "--stale").exitCode()).isZero();

      HttpResponse<String> deliveries =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(gateway.url() + "/admin/deliveries"))
                      .header("Authorization", "Bearer " + ADMIN_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode stored = JSON.readTree(deliveries.body()).get("deliveries");
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).get("terra_user_id").asText()).isEqualTo("u-gw-1");
    }
  }
}
