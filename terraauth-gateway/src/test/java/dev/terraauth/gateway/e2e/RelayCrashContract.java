package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.gateway.GatewaySettings;
import dev.terraauth.gateway.relay.RelaySecret;
import dev.terraauth.gateway.testing.RelayReceiver;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay end to end: 1,000 mixed Terra deliveries (auth and data events, 2-50 KB) posted to real
 * gateway processes ({@code java -jar terraauth-gateway.jar}) reach a receiver that verifies every
 * signature with the published Standard Webhooks library, while the receiver answers 500 to 30 % of
 * the attempts and is down for part of the run, and gateways are SIGKILLed twice and restarted.
 * Afterwards every delivery arrived at least once, byte for byte, and the pull feed returns the
 * same 1,000 events once each, in commit order.
 */
abstract class RelayCrashContract {
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private static final int DELIVERIES = 1_000;
  private static final int SENDERS = 8;
  private static final String EVENTS_TOKEN = "fake-events-token-0000-0000-0000";
  private static final List<String> TYPES =
      List.of(
          "auth",
          "deauth",
          "activity",
          "sleep",
          "body",
          "daily",
          "nutrition",
          "menstruation",
          "athlete",
          "planned_workout",
          "large_request_processing",
          "s3_payload",
          "lab_report.completed");

  @TempDir Path directory;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  abstract TestDatabase database();

  abstract List<String> databaseArguments(TestDatabase database);

  /** How many gateway instances share the work. */
  abstract int instances();

  record Sent(String trace, byte[] body, int sender) {}

  @Test
  void everyDeliveryReachesTheAppAtLeastOnceByteForByteAcrossCrashes() throws Exception {
    RelaySecret secret = RelaySecret.generate();
    try (TestDatabase database = database();
        RelayReceiver receiver = RelayReceiver.start(secret.reveal())) {
      receiver.failShare(0.3);
      receiver.delay(5); // a wider window for catching one message in flight twice
      List<String> arguments = databaseArguments(database);
      int[] ports = new int[instances()];
      Process[] gateways = new Process[instances()];
      int runs = 0;
      for (int i = 0; i < ports.length; i++) {
        ports[i] = Stack.freePort();
        gateways[i] = start(arguments, ports[i], receiver.url(), secret, ++runs);
      }
      List<Sent> deliveries = deliveries();
      AtomicInteger acknowledged = new AtomicInteger();
      Map<Integer, List<String>> ackOrder = new ConcurrentHashMap<>();
      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        List<String> order = new CopyOnWriteArrayList<>();
        ackOrder.put(sender, order);
        Thread thread =
            new Thread(
                () -> {
                  for (Sent delivery : deliveries) {
                    if (delivery.sender() == sender) {
                      sendUntilAcknowledged(delivery, ports);
                      order.add(delivery.trace());
                      acknowledged.incrementAndGet();
                    }
                  }
                },
                "terra-" + s);
        thread.setDaemon(true);
        senders.add(thread);
      }
      long started = System.nanoTime();
      senders.forEach(Thread::start);
      try {
        awaitAcknowledged(acknowledged, 250);
        kill(gateways[0]);
        gateways[0] = start(arguments, ports[0], receiver.url(), secret, ++runs);
        awaitAcknowledged(acknowledged, 400);
        receiver.down(true);
        awaitAcknowledged(acknowledged, 550);
        receiver.down(false);
        awaitAcknowledged(acknowledged, 700);
        int last = gateways.length - 1; // with two instances, the other one this time
        kill(gateways[last]);
        gateways[last] = start(arguments, ports[last], receiver.url(), secret, ++runs);
        for (Thread thread : senders) {
          thread.join(120_000);
        }
        assertThat(acknowledged.get()).isEqualTo(DELIVERIES);
        Set<String> traces = new HashSet<>();
        deliveries.forEach(d -> traces.add(d.trace()));
        Await.until(
            "every delivery at the receiver",
            Duration.ofSeconds(120),
            () -> receivedTraces(receiver).containsAll(traces));
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        Map<String, byte[]> sentBodies = new HashMap<>();
        deliveries.forEach(d -> sentBodies.put(d.trace(), d.body()));
        Map<String, String> webhookIds = new HashMap<>();
        for (RelayReceiver.Received message : receiver.received()) {
          String trace = message.header("terra-trace-id");
          assertThat(message.body())
              .as("body of %s, byte for byte", trace)
              .isEqualTo(sentBodies.get(trace));
          String previous = webhookIds.putIfAbsent(trace, message.header("webhook-id"));
          assertThat(previous == null || previous.equals(message.header("webhook-id")))
              .as("one webhook-id per message across retries")
              .isTrue();
        }
        assertThat(receiver.refusedSignatures()).as("signatures the library refused").isZero();
        assertThat(receiver.overlaps()).as("a message in flight twice at once").isZero();

        List<JsonNode> feed = walkFeed(ports[0]);
        List<String> feedTraces = feed.stream().map(e -> e.get("trace_id").asText()).toList();
        assertThat(feedTraces).hasSize(DELIVERIES).doesNotHaveDuplicates();
        assertThat(new HashSet<>(feedTraces)).isEqualTo(traces);
        for (JsonNode event : feed) {
          assertThat(event.get("body").asText().getBytes(StandardCharsets.UTF_8))
              .isEqualTo(sentBodies.get(event.get("trace_id").asText()));
          assertThat(event.get("id").asText())
              .isEqualTo(webhookIds.get(event.get("trace_id").asText()));
        }
        // each sender waited for one 200 before its next delivery: its commits are in that order
        for (List<String> order : ackOrder.values()) {
          List<String> inFeed = feedTraces.stream().filter(new HashSet<>(order)::contains).toList();
          assertThat(inFeed).isEqualTo(order);
        }
        Set<String> workers = new HashSet<>();
        JsonNode attempts =
            JSON.readTree(
                    http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        "http://127.0.0.1:"
                                            + ports[0]
                                            + "/admin/relay/endpoints/config/attempts?limit=1000"))
                                .header("Authorization", "Bearer " + Stack.ADMIN_TOKEN.reveal())
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body())
                .get("attempts");
        attempts.forEach(a -> workers.add(a.get("instance").asText()));
        assertThat(workers)
            .as("relay instances seen in the last 1,000 attempts")
            .hasSizeGreaterThanOrEqualTo(instances());
        System.out.printf(
            "relay crash test (%d instance(s)): %d deliveries, %d relay attempts, %d received"
                + " (duplicates allowed), 2 SIGKILLs, %d s%n",
            instances(), DELIVERIES, receiver.attempts(), receiver.received().size(), seconds);
      } finally {
        for (Thread thread : senders) {
          thread.interrupt();
        }
        for (Process gateway : gateways) {
          kill(gateway);
        }
      }
    }
  }

  private static Set<String> receivedTraces(RelayReceiver receiver) {
    Set<String> traces = new HashSet<>();
    receiver.received().forEach(r -> traces.add(r.header("terra-trace-id")));
    return traces;
  }

  private static void awaitAcknowledged(AtomicInteger acknowledged, int count) {
    Await.until(
        count + " deliveries acknowledged",
        Duration.ofSeconds(90),
        () -> acknowledged.get() >= count);
  }

  private static void kill(Process process) throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Unix
    process.waitFor();
  }

  /** Like Terra: retries (re-signed, same trace id) until a 200, across instances and restarts. */
  private void sendUntilAcknowledged(Sent delivery, int[] ports) {
    for (int attempt = 0; !Thread.currentThread().isInterrupted(); attempt++) {
      int port = ports[(delivery.sender() + attempt) % ports.length];
      String signature =
          WebhookSigner.of(Secret.of(Stack.OLD_SECRET))
              .header(System.currentTimeMillis() / 1000, delivery.body());
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/terra"))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Terra-Signature", signature)
                    .header("X-Terra-Trace-Id", delivery.trace())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException gone) {
        // that gateway is down (killed or restarting)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** 1,000 mixed events, 2-50 KB each, with non-ASCII text, spread over the senders. */
  static List<Sent> deliveries() {
    Random random = new Random(11);
    List<Sent> sent = new ArrayList<>(DELIVERIES);
    for (int i = 0; i < DELIVERIES; i++) {
      String type = TYPES.get(i % TYPES.size());
      String user = "relay-user-" + (i % 40);
      String trace = "relay-" + UUID.randomUUID();
      int size = 2_048 + random.nextInt(48 * 1024);
      StringBuilder body = new StringBuilder(size + 256);
      body.append("{\"type\":\"").append(type).append('"');
      if (type.equals("auth") || type.equals("deauth")) {
        body.append(",\"status\":\"success\"");
      }
      body.append(",\"user\":{\"user_id\":\"")
          .append(user)
          .append("\",\"provider\":\"GARMIN\",\"scopes\":\"A\",\"reference_id\":\"app-")
          .append(user)
          .append("\"},\"data\":[");
      int entry = 0;
      while (body.length() < size) {
        body.append(entry == 0 ? "" : ",")
            .append("{\"n\":")
            .append(entry++)
            .append(",\"note\":\"caf\u00e9 \u2615 \\u00e9 ")
            .append(Long.toHexString(random.nextLong()))
            .append("\",\"v\":")
            .append(random.nextDouble())
            .append('}');
      }
      body.append("]}");
      sent.add(new Sent(trace, body.toString().getBytes(StandardCharsets.UTF_8), i % SENDERS));
    }
    return sent;
  }

  private List<JsonNode> walkFeed(int port) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    String cursor = null;
    while (true) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + port
                              + "/events?limit=137"
                              + (cursor == null ? "" : "&after=" + cursor)))
                  .header("Authorization", "Bearer " + EVENTS_TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode answer = JSON.readTree(page.body());
      if (answer.get("events").isEmpty()) {
        return events;
      }
      answer.get("events").forEach(events::add);
      cursor = answer.get("next_cursor").asText();
    }
  }

  /** {@code java -jar terraauth-gateway.jar --env testing} with the relay, in its own JVM. */
  private Process start(
      List<String> databaseArguments, int port, URI relayUrl, RelaySecret secret, int run)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                GatewayJar.path().toString(),
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
                "--public-url",
                "https://gateway.example",
                "--relay-url",
                relayUrl.toString(),
                "--relay-allow-http-loopback",
                "--relay-timeout",
                "PT3S",
                "--relay-lease-margin",
                "PT5S",
                "--relay-poll-every",
                "PT0.1S",
                "--relay-retry-schedule",
                "PT0.1S,PT0.2S,PT0.5S," + "PT1S,".repeat(60) + "PT1S"));
    command.addAll(databaseArguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("TERRA_TESTING_DEV_ID", Stack.DEV_ID);
    environment.put("TERRA_TESTING_API_KEY", Stack.API_KEY);
    environment.put("TERRA_TESTING_WEBHOOK_SECRET", Stack.OLD_SECRET);
    // Terra's API is never called here: reconciliation is off and nobody asks for a session
    environment.put(GatewaySettings.JWT_SECRET_VARIABLE, Stack.JWT_SECRET.reveal());
    environment.put(GatewaySettings.RELAY_SECRET_VARIABLE, secret.reveal());
    environment.put(GatewaySettings.EVENTS_TOKEN_VARIABLE, EVENTS_TOKEN);
    environment.put(GatewaySettings.ADMIN_TOKEN_VARIABLE, Stack.ADMIN_TOKEN.reveal());
    Path log = directory.resolve("gateway-" + run + ".log");
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("gateway process alive (see %s)", log).isTrue();
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("gateway did not become ready (see " + log + ")");
  }
}
