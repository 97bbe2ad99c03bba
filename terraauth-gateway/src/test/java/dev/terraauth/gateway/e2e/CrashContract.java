package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.EmulatorClock;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.emulator.WebhookDelivery;
import dev.terraauth.gateway.GatewaySettings;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.gateway.webhook.DeliveryStore;
import dev.terraauth.testing.Await;
import dev.terraauth.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway runs in its own JVM and is killed with SIGKILL while Terra (the emulator) keeps
 * sending: every delivery acknowledged before the kill is in the database after it, and the
 * emulator's retries of the others are applied once after the restart.
 */
abstract class CrashContract {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  @TempDir Path directory;

  final HttpClient http = HttpClient.newHttpClient();

  abstract TestDatabase database();

  /** The options that open the same database in the gateway process. */
  abstract List<String> databaseArguments(TestDatabase database);

  /**
   * The real deployed gateway, {@code java -jar target/terraauth-gateway.jar --env testing}, in its
   * own JVM against the emulator: configured only through flags and environment variables, as in a
   * deployment (the variables of this JVM are not inherited).
   */
  Process startGateway(List<String> databaseArguments, int port, TerraEmulator emulator, int run)
      throws Exception {
    Path jar = GatewayJar.path();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--env",
                "testing",
                "--port",
                Integer.toString(port),
                "--jwt-issuer",
                Stack.ISSUER,
                "--jwt-audience",
                Stack.AUDIENCE,
                "--reconcile-every",
                "PT0S",
                // required outside local (browsers are sent there); never reached by this test
                "--public-url",
                "https://gateway.example"));
    command.addAll(databaseArguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("TERRA_TESTING_DEV_ID", Stack.DEV_ID);
    environment.put("TERRA_TESTING_API_KEY", Stack.API_KEY);
    environment.put("TERRA_TESTING_WEBHOOK_SECRET", Stack.OLD_SECRET);
    environment.put("TERRA_TESTING_API_URL", emulator.apiBaseUrl().toString());
    environment.put("TERRA_TESTING_WIDGET_SESSION_URL", emulator.widgetSessionUrl().toString());
    environment.put(GatewaySettings.JWT_SECRET_VARIABLE, Stack.JWT_SECRET.reveal());
    builder.redirectErrorStream(true);
    builder.redirectOutput(directory.resolve("gateway-" + run + ".log").toFile());
    Process process = builder.start();
    return Await.result(
        "the gateway ready on port " + port,
        Duration.ofSeconds(60),
        () -> {
          assertThat(process.isAlive())
              .as("gateway process alive (see %s)", directory.resolve("gateway-" + run + ".log"))
              .isTrue();
          try {
            HttpResponse<String> ready =
                http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            return ready.statusCode() == 200 ? Optional.of(process) : Optional.empty();
          } catch (java.io.IOException notYet) {
            return Optional.empty(); // still starting
          }
        });
  }

  @Test
  void acknowledgedDeliveriesSurviveSigkillAndRetriesAreAppliedOnce() throws Exception {
    int port = Stack.freePort();
    EmulatorClock clock = EmulatorClock.system();
    try (TestDatabase database = database();
        TerraEmulator emulator =
            TerraEmulator.builder()
                .port(0)
                .clock(clock)
                .account(
                    EmulatorAccount.builder(Stack.DEV_ID)
                        .apiKey(Stack.API_KEY)
                        .signingSecrets(List.of(Stack.OLD_SECRET))
                        .webhookUrl(URI.create("http://127.0.0.1:" + port + "/webhooks/terra"))
                        .build())
                .retrySchedule(
                    List.of(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        // a JVM restart on a loaded 2-core machine can outlast the 31 s above
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30)))
                .start()) {
      List<String> argument = databaseArguments(database);
      Process gateway = startGateway(argument, port, emulator, 1);
      List<String> users = new ArrayList<>();
      // concurrent deliveries of our own, so the kill lands in the middle of group commits
      Flood flood = new Flood(port, 16);
      try {
        String user = "crash-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
          users.add(connect(emulator, port, user + "-" + i));
        }
        awaitDelivered(emulator, 3);
        flood.start();
        flood.awaitAcknowledged(200);
        // a burst of events, and the gateway dies in the middle of it
        for (int i = 0; i < 30; i++) {
          emulator.admin().changePermissions(users.get(i % 3), "SCOPE_" + i, "");
          clock.advance(Duration.ofMillis(1)); // distinct ordering timestamps
        }
        awaitDelivered(emulator, 8);
      } finally {
        gateway.destroyForcibly(); // SIGKILL on Unix
        gateway.waitFor();
        flood.stop();
      }
      Set<String> acknowledged =
          emulator.admin().deliveries().stream()
              .filter(d -> d.state() == WebhookDelivery.State.DELIVERED)
              .map(WebhookDelivery::traceId)
              .collect(Collectors.toSet());
      DeliveryStore deliveries = new DeliveryStore(database.database().jdbi());
      for (String trace : acknowledged) {
        assertThat(deliveries.find(trace)).as("acknowledged delivery " + trace).isPresent();
      }
      assertThat(flood.acknowledged()).hasSizeGreaterThanOrEqualTo(200);
      for (String trace : flood.acknowledged()) {
        assertThat(deliveries.find(trace)).as("acknowledged flood delivery " + trace).isPresent();
      }

      Process restarted = startGateway(argument, port, emulator, 2);
      try {
        Await.until(
            "all deliveries acknowledged after the restart",
            Duration.ofSeconds(150),
            () ->
                emulator.admin().deliveries().stream()
                    .allMatch(d -> d.state() == WebhookDelivery.State.DELIVERED));
      } finally {
        restarted.destroyForcibly();
        restarted.waitFor();
      }
      List<WebhookDelivery> sent = emulator.admin().deliveries();
      assertThat(sent).hasSize(33);
      for (WebhookDelivery delivery : sent) {
        assertThat(deliveries.find(delivery.traceId()))
            .as(delivery.type() + " " + delivery.traceId())
            .hasValueSatisfying(
                stored -> assertThat(stored.outcome().label()).isIn("applied", "stale"));
      }
      ConnectionStore connections = new ConnectionStore(database.database().jdbi());
      for (int i = 0; i < 30; i++) {
        assertThat(connections.find(users.get(i % 3)).orElseThrow().scopes())
            .contains("SCOPE_" + i);
      }
      System.out.println(
          "crash test: "
              + flood.acknowledged().size()
              + " concurrent deliveries acknowledged and all stored; "
              + acknowledged.size()
              + " of 33 deliveries acknowledged before SIGKILL, "
              + sent.stream().filter(d -> d.attempts() > 1).count()
              + " retried after restart");
    }
  }

  /** Signed deliveries from several threads until stopped; remembers those answered 200. */
  static final class Flood {
    private final int port;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    Flood(int port, int threadCount) {
      this.port = port;
      for (int i = 0; i < threadCount; i++) {
        Thread thread = new Thread(this::send, "flood-" + i);
        thread.setDaemon(true);
        threads.add(thread);
      }
    }

    void start() {
      threads.forEach(Thread::start);
    }

    private void send() {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      while (running) {
        String trace = "flood-" + UUID.randomUUID();
        String body =
            "{\"type\":\"activity\",\"user\":{\"user_id\":\"flood\"},\"data\":[\"" + trace + "\"]}";
        String signature =
            dev.terraauth.core.webhook.WebhookSigner.of(
                    dev.terraauth.core.config.Secret.of(Stack.OLD_SECRET))
                .header(
                    java.time.Instant.now().getEpochSecond(),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
          HttpResponse<String> response =
              client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/terra"))
                      .timeout(Duration.ofSeconds(10))
                      .header("X-Terra-Signature", signature)
                      .header("X-Terra-Trace-Id", trace)
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            acknowledged.add(trace);
          }
        } catch (java.io.IOException gone) {
          // the gateway was killed
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void awaitAcknowledged(int count) {
      Await.until(
          count + " flood deliveries acknowledged",
          Duration.ofSeconds(60),
          () -> acknowledged.size() >= count);
    }

    void stop() throws InterruptedException {
      running = false;
      for (Thread thread : threads) {
        thread.join(15_000);
      }
    }

    Set<String> acknowledged() {
      return Set.copyOf(acknowledged);
    }
  }

  static void awaitDelivered(TerraEmulator emulator, int count) {
    Await.until(
        count + " deliveries acknowledged",
        Duration.ofSeconds(20),
        () ->
            emulator.admin().deliveries().stream()
                    .filter(d -> d.state() == WebhookDelivery.State.DELIVERED)
                    .count()
                >= count);
  }

  /** The widget flow driven directly against the gateway and emulator; returns the Terra id. */
  String connect(TerraEmulator emulator, int port, String user) throws Exception {
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> session =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/terra/widget-session"))
                .header("Authorization", "Bearer " + EndToEndContract.jwt(user))
                .POST(HttpRequest.BodyPublishers.ofString("{\"providers\":[\"GARMIN\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(session.statusCode()).isEqualTo(200);
    String url = JSON.readTree(session.body()).get("url").asText();
    Browser.Page done = new Browser().connect(url, "GARMIN", user + "@garmin", true);
    return Browser.query(done.location()).get("user_id");
  }
}
