package dev.terraauth.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.EmulatorClock;
import dev.terraauth.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  @TempDir Path workingDirectory;

  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void refusesToServeARealEnvironmentWithoutCompleteConfiguration() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));

    int exit = cli.execute("serve", "--env", "production", "--port", "0");

    assertThat(exit).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString())
        .contains("cannot serve production")
        .contains("TERRA_PRODUCTION_DEV_ID")
        .contains("--jwt-issuer")
        .contains("TERRAAUTH_JWT_SECRET");
  }

  @Test
  void theDevelopmentLoginCannotBeReachedInARealEnvironment() throws Exception {
    Map<String, String> variables =
        Map.of(
            "TERRA_TESTING_DEV_ID", "acme-testing-0000",
            "TERRA_TESTING_API_KEY", "fake-api-key-testing-0000",
            "TERRA_TESTING_WEBHOOK_SECRET", "fake-signing-secret-testing-0000",
            "TERRAAUTH_JWT_SECRET", "fake-hs256-secret-for-tests-0000-0000-0000");
    StringWriter out = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(variables, new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "serve",
            "--env",
            "testing",
            "--port",
            "0",
            "--public-url",
            "https://gateway.example",
            "--jwt-issuer",
            "https://app.example",
            "--jwt-audience",
            "gateway",
            "--reconcile-every",
            "PT0S");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    try (RunningGateway running = serve.start()) {
      assertThat(out.toString()).contains("testing environment").contains("/webhooks/terra");
      assertThat(get(running.url() + "/").statusCode()).isEqualTo(404);
      // no TERRAAUTH_ADMIN_TOKEN: no dashboard either (nothing made up outside local)
      HttpResponse<String> dashboard = get(running.url() + "/admin");
      assertThat(dashboard.statusCode()).isEqualTo(404);
      assertThat(dashboard.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(out.toString()).doesNotContain("Admin token");
      assertThat(post(running.url() + "/dev/login", "{\"name\":\"eve\"}", null).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void localServeShowsTheWholeFlow() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));
    CommandLine.ParseResult parsed =
        cli.parseArgs("serve", "--port", "0", "--emulator-port", "0", "--data-dir", "data");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();

    try (RunningGateway running = serve.start()) {
      String base = running.url().toString();
      assertThat(out.toString())
          .contains("Open " + base + "/")
          .contains("Ctrl-C")
          .contains("Dashboard       " + base + "/admin")
          .containsPattern("Admin token     local-admin-[0-9a-f]{48} \\(made up for this run");
      assertThat(Files.exists(workingDirectory.resolve("data/gateway.db"))).isTrue();

      HttpResponse<String> page = get(base + "/");
      assertThat(page.body()).contains("Connect a wearable").contains("Sign in");

      HttpResponse<String> login = post(base + "/dev/login", "{\"name\":\"alice\"}", null);
      assertThat(login.statusCode()).isEqualTo(200);
      String token = JSON.readTree(login.body()).get("token").asText();

      HttpResponse<String> session = post(base + "/api/terra/widget-session", "{}", token);
      assertThat(session.statusCode()).isEqualTo(200);
      String widget = JSON.readTree(session.body()).get("url").asText();
      assertThat(widget).startsWith(running.emulator().baseUrl().toString());

      // the person picks Garmin in the emulator's widget and approves
      HttpResponse<String> chosen = get(widget + "/connect/GARMIN");
      String consent = location(chosen);
      HttpResponse<String> approved =
          http.send(
              HttpRequest.newBuilder(URI.create(consent + "/approve"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("account=alice%40garmin"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> back = get(location(approved));
      assertThat(location(back))
          .isEqualTo(base + "/?terra_connection=success&terra_provider=GARMIN");

      JsonNode connection = awaitConnection(base, token, "active");
      assertThat(connection.get("provider").asText()).isEqualTo("GARMIN");

      HttpResponse<String> disconnected =
          send(
              "DELETE",
              base + "/api/terra/connections/" + connection.get("terra_user_id").asText(),
              token);
      assertThat(disconnected.statusCode()).isEqualTo(204);
      assertThat(awaitConnection(base, token, "deauthenticated")).isNotNull();
    }
  }

  JsonNode awaitConnection(String base, String token, String state) throws Exception {
    return Await.result(
        "a " + state + " connection",
        Duration.ofSeconds(10),
        () -> {
          JsonNode list = JSON.readTree(send("GET", base + "/api/terra/connections", token).body());
          for (JsonNode connection : list.get("connections")) {
            if (connection.get("state").asText().equals(state)) {
              return Optional.of(connection);
            }
          }
          return Optional.empty();
        });
  }

  static String location(HttpResponse<String> response) {
    return response
        .uri()
        .resolve(response.headers().firstValue("Location").orElseThrow())
        .toString();
  }

  @Test
  void aDeployedGatewayRotatesItsSigningSecretWithoutARestart() throws Exception {
    Path file = workingDirectory.resolve(".env.terra.testing");
    String base =
        "TERRA_TESTING_DEV_ID=acme-testing-0000\n"
            + "TERRA_TESTING_API_KEY=fake-api-key-testing-0000\n"
            + "TERRA_TESTING_API_URL=http://127.0.0.1:1/api/v2\n";
    Files.writeString(file, base + "TERRA_TESTING_WEBHOOK_SECRET=" + ROTATED_A + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> variables =
        Map.of(
            "TERRAAUTH_JWT_SECRET", "fake-hs256-secret-for-tests-0000-0000-0000",
            "TERRAAUTH_ADMIN_TOKEN", "fake-admin-token-0000");
    CommandLine cli =
        TerraAuthCli.create(new CliContext(variables, new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(new StringWriter()));
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "serve",
            "--env",
            "testing",
            "--port",
            "0",
            "--public-url",
            "https://gateway.example",
            "--jwt-issuer",
            "https://app.example",
            "--jwt-audience",
            "gateway",
            "--reconcile-every",
            "PT0S",
            "--credentials-check-every",
            "PT0S",
            "--retired-secret-grace",
            "PT5M");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    EmulatorClock clock =
        EmulatorClock.of(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    serve.clock = clock;
    try (RunningGateway running = serve.start()) {
      String url = running.url().toString();
      assertThat(webhook(url, ROTATED_A, clock).statusCode()).isEqualTo(200);
      Files.writeString(file, base + "TERRA_TESTING_WEBHOOK_SECRET=" + ROTATED_B + "\n");
      assertThat(webhook(url, ROTATED_B, clock).statusCode()).isEqualTo(401); // no check: PT0S

      HttpResponse<String> reload =
          send("POST", url + "/admin/credentials/reload", "fake-admin-token-0000");
      assertThat(reload.statusCode()).isEqualTo(200);
      assertThat(reload.body()).doesNotContain(ROTATED_A).doesNotContain(ROTATED_B);
      assertThat(JSON.readTree(reload.body()).get("added").toString())
          .contains(Secret.fingerprintOf(ROTATED_B));
      assertThat(webhook(url, ROTATED_B, clock).statusCode()).isEqualTo(200);
      assertThat(webhook(url, ROTATED_A, clock).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(5));
      assertThat(webhook(url, ROTATED_A, clock).statusCode()).isEqualTo(401);
      assertThat(webhook(url, ROTATED_B, clock).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theHelpExplainsRotation() {
    StringWriter out = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("serve", "--help")).isEqualTo(TerraAuthCli.OK);
    assertThat(out.toString())
        .contains("rotate without a restart")
        .contains("POST /admin/credentials/reload")
        .contains("--retired-secret-grace");
  }

  static final String ROTATED_A = "fake-signing-secret-testing-000a";
  static final String ROTATED_B = "fake-signing-secret-testing-000b";

  HttpResponse<String> webhook(String url, String secret, Clock clock) throws Exception {
    String body =
        "{\"type\":\"deauth\",\"status\":\"success\",\"user\":{\"user_id\":\""
            + UUID.randomUUID()
            + "\",\"provider\":\"GARMIN\",\"reference_id\":\"nobody\",\"active\":false}}";
    return http.send(
        HttpRequest.newBuilder(URI.create(url + "/webhooks/terra"))
            .header("Content-Type", "application/json")
            .header(
                "X-Terra-Signature",
                WebhookSigner.of(Secret.of(secret))
                    .header(clock.instant(), body.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String url, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String url, String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
