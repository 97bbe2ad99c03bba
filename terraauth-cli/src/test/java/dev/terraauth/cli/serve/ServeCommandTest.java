package dev.terraauth.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.internal.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
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
      assertThat(out.toString()).contains("Open " + base + "/").contains("Ctrl-C");
      assertThat(Files.exists(workingDirectory.resolve("data/gateway.db"))).isTrue();

      HttpResponse<String> page = get(base + "/");
      assertThat(page.body()).contains("Connect a wearable").contains("Sign in");

      HttpResponse<String> login = post(base + "/dev/login", "{\"name\":\"alice\"}", null);
      assertThat(login.statusCode()).isEqualTo(200);
      String token = Json.mapper().readTree(login.body()).get("token").asText();

      HttpResponse<String> session = post(base + "/api/terra/widget-session", "{}", token);
      assertThat(session.statusCode()).isEqualTo(200);
      String widget = Json.mapper().readTree(session.body()).get("url").asText();
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
      assertThat(location(back)).isEqualTo(base + "/?terra_connection=success");

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
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode list =
          Json.mapper().readTree(send("GET", base + "/api/terra/connections", token).body());
      for (JsonNode connection : list.get("connections")) {
        if (connection.get("state").asText().equals(state)) {
          return connection;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no " + state + " connection within 10 s");
  }

  static String location(HttpResponse<String> response) {
    return response
        .uri()
        .resolve(response.headers().firstValue("Location").orElseThrow())
        .toString();
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
