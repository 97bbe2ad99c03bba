package dev.terraauth.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.RelayReceiver;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The relay against a real gateway over HTTP, a real database and real receivers that verify every
 * message with the published Standard Webhooks library.
 */
abstract class RelayContract {
  static final ObjectMapper JSON = TerraJson.newMapper();
  static final String SIGNING = "fake-signing-secret-testing-0001";
  static final Secret ADMIN = Secret.of("fake-admin-token-0000");
  static final String EVENTS_TOKEN = "fake-events-token-0000-0000-0000";
  static final RelaySecret CONFIG_SECRET = RelaySecret.generate();
  static final Clock CLOCK = Clock.systemUTC();

  static TestDatabase database;
  static GatewayApp gateway;
  static RelayReceiver configReceiver;
  final HttpClient http = HttpClient.newHttpClient();

  static void startGateway(TestDatabase opened) throws IOException {
    startGateway(opened, Duration.ofMillis(100));
  }

  /**
   * @param pollEvery how often the relay looks for work nobody told it about (other instances'
   *     commits, retries coming due)
   */
  static void startGateway(TestDatabase opened, Duration pollEvery) throws IOException {
    database = opened;
    if (database == null) {
      return;
    }
    configReceiver = RelayReceiver.start(CONFIG_SECRET.reveal());
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secrets(List.of(new SigningSecret(Environment.TESTING, 1, Secret.of(SIGNING))))
            .clock(CLOCK)
            .build();
    RelaySettings relay =
        RelaySettings.defaults()
            .withDelivery(
                List.of(
                    Duration.ofMillis(100),
                    Duration.ofMillis(200),
                    Duration.ofMillis(300),
                    Duration.ofMillis(400),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500)),
                Duration.ofSeconds(5),
                8,
                Duration.ofSeconds(2))
            .withLoopbackHttp(true)
            .withPollEvery(pollEvery)
            .withConfigured(
                new RelaySettings.ConfiguredEndpoint(
                    configReceiver.url(),
                    List.of(CONFIG_SECRET),
                    EventTypeFilter.parse("only_for_config", "test"),
                    false),
                Secret.of(EVENTS_TOKEN));
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(
                JwtSettings.hs256(
                    Secret.of("fake-hs256-secret-for-tests-0000-0000-0000"), "iss", "aud"))
            .adminToken(ADMIN)
            .relay(relay)
            .build();
    gateway =
        GatewayApp.create(
                config,
                new GatewayApp.Parts(
                    database.database(),
                    new FakeTerra(CLOCK),
                    verifier,
                    CredentialAdmin.none(),
                    CLOCK))
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.stop();
      gateway = null;
    }
    if (configReceiver != null) {
      configReceiver.close();
    }
    if (database != null) {
      database.close();
      database = null;
    }
  }

  // ---- helpers

  URI gatewayUri(String path) {
    return URI.create("http://127.0.0.1:" + gateway.port() + path);
  }

  HttpResponse<String> admin(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gatewayUri(path))
            .header("Authorization", "Bearer " + ADMIN.reveal())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** Creates an endpoint; returns {id, secret}. */
  String[] createEndpoint(RelayReceiver receiver, String extraJson) throws Exception {
    HttpResponse<String> created =
        admin(
            "POST",
            "/admin/relay/endpoints",
            "{\"url\":\""
                + receiver.url()
                + "\""
                + (extraJson == null ? "" : "," + extraJson)
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode view = json(created);
    return new String[] {view.get("id").asText(), view.get("secret").asText()};
  }

  /** A signed Terra delivery; returns the trace id. */
  String deliver(String type, String user, String payload) throws Exception {
    String trace = "trace-" + UUID.randomUUID();
    String body =
        "{\"type\":\""
            + type
            + "\",\"user\":{\"user_id\":\""
            + user
            + "\",\"reference_id\":\"ref-"
            + user
            + "\",\"provider\":\"GARMIN\"},\"data\":[{\"note\":\""
            + payload
            + "\"}]}";
    HttpResponse<String> answer = post(body, trace);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return trace;
  }

  HttpResponse<String> post(String body, String trace) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature =
        WebhookSigner.of(Secret.of(SIGNING)).header(CLOCK.instant().getEpochSecond(), bytes);
    return http.send(
        HttpRequest.newBuilder(gatewayUri("/webhooks/terra"))
            .header("X-Terra-Signature", signature)
            .header("X-Terra-Trace-Id", trace)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> feed(String query, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gatewayUri("/events" + query));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every event after the cursor, walking pages of {@code limit}; returns trace id -> body. */
  LinkedHashMap<String, String> walkFeed(String after, int limit) throws Exception {
    LinkedHashMap<String, String> events = new LinkedHashMap<>();
    String cursor = after;
    while (true) {
      JsonNode page =
          json(feed("?limit=" + limit + (cursor == null ? "" : "&after=" + cursor), EVENTS_TOKEN));
      for (JsonNode event : page.get("events")) {
        String previous = events.put(event.get("trace_id").asText(), event.get("body").asText());
        assertThat(previous).as("event %s returned twice", event.get("trace_id")).isNull();
      }
      if (page.get("events").isEmpty()) {
        return events;
      }
      cursor = page.get("next_cursor").asText();
    }
  }

  String latestCursor() throws Exception {
    String cursor = null;
    while (true) {
      JsonNode page =
          json(feed("?limit=1000" + (cursor == null ? "" : "&after=" + cursor), EVENTS_TOKEN));
      if (page.get("events").isEmpty()) {
        return page.get("next_cursor").asText();
      }
      cursor = page.get("next_cursor").asText();
    }
  }

  /** For Await: a condition that may throw. */
  static java.util.function.BooleanSupplier checked(
      java.util.concurrent.Callable<Boolean> condition) {
    return () -> {
      try {
        return condition.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  static List<RelayReceiver.Received> byTrace(RelayReceiver receiver, String trace) {
    return receiver.received().stream()
        .filter(r -> trace.equals(r.header("terra-trace-id")))
        .toList();
  }

  // ---- tests

  @Test
  void adminApiCreatesShowsChangesAndDeletesEndpoints() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver receiver = RelayReceiver.start()) {
      HttpResponse<String> created =
          admin(
              "POST",
              "/admin/relay/endpoints",
              "{\"url\":\""
                  + receiver.url()
                  + "\",\"description\":\"app\",\"event_types\":\"auth,deauth,activity\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode view = json(created);
      String id = view.get("id").asText();
      assertThat(view.get("secret").asText()).startsWith("whsec_");
      assertThat(RelaySecret.parse(view.get("secret").asText(), "test")).isNotNull();
      assertThat(view.get("event_types")).hasSize(3);
      assertThat(view.get("enabled").asBoolean()).isTrue();
      assertThat(created.headers().firstValue("Location")).hasValue("/admin/relay/endpoints/" + id);

      HttpResponse<String> shown = admin("GET", "/admin/relay/endpoints/" + id, null);
      assertThat(shown.statusCode()).isEqualTo(200);
      assertThat(json(shown).has("secret")).as("the secret is shown only on create").isFalse();
      assertThat(shown.body()).doesNotContain(view.get("secret").asText());
      assertThat(admin("GET", "/admin/relay/endpoints", null).body())
          .contains(id)
          .doesNotContain(view.get("secret").asText());

      JsonNode patched =
          json(
              admin(
                  "PATCH",
                  "/admin/relay/endpoints/" + id,
                  "{\"enabled\":false,\"event_types\":null,\"ordered\":true}"));
      assertThat(patched.get("enabled").asBoolean()).isFalse();
      assertThat(patched.get("ordered").asBoolean()).isTrue();
      assertThat(patched.get("event_types").isNull()).isTrue();
      assertThat(patched.get("disabled_reason").asText()).contains("operator");

      assertThat(admin("DELETE", "/admin/relay/endpoints/" + id, null).statusCode()).isEqualTo(204);
      assertThat(admin("GET", "/admin/relay/endpoints/" + id, null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void badRequestsNameTheFieldAndTheConfiguredEndpointIsReadOnly() throws Exception {
    TestDatabase.assumeConfigured(database);
    HttpResponse<String> http =
        admin("POST", "/admin/relay/endpoints", "{\"url\":\"http://app.example/hook\"}");
    assertThat(http.statusCode()).isEqualTo(400);
    assertThat(json(http).get("detail").asText()).contains("url").contains("https");
    HttpResponse<String> unknown =
        admin("POST", "/admin/relay/endpoints", "{\"url\":\"https://a.example\",\"colour\":1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("detail").asText()).contains("colour");
    HttpResponse<String> badTypes =
        admin(
            "POST",
            "/admin/relay/endpoints",
            "{\"url\":\"https://a.example\",\"event_types\":\"auth,,x\"}");
    assertThat(badTypes.statusCode()).isEqualTo(400);
    assertThat(json(badTypes).get("detail").asText()).contains("event_types");
    assertThat(admin("POST", "/admin/relay/endpoints", "[1]").statusCode()).isEqualTo(400);
    assertThat(admin("POST", "/admin/relay/endpoints", "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> replay =
        admin("POST", "/admin/relay/endpoints/config/replay", "{\"since\":\"yesterday\"}");
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(json(replay).get("detail").asText()).contains("since");

    HttpResponse<String> configured =
        admin("PATCH", "/admin/relay/endpoints/config", "{\"enabled\":false}");
    assertThat(configured.statusCode()).isEqualTo(409);
    assertThat(json(configured).get("detail").asText()).contains("--relay-url");
    assertThat(admin("POST", "/admin/relay/endpoints/config/rotate-secret", null).statusCode())
        .isEqualTo(409);
    assertThat(admin("GET", "/admin/relay/endpoints/nope", null).statusCode()).isEqualTo(404);
    HttpResponse<String> noToken =
        this.http.send(
            HttpRequest.newBuilder(gatewayUri("/admin/relay/endpoints")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(401);
  }

  @Test
  void pushedMessagesVerifyWithTheStandardWebhooksLibraryAndAreTerrasBytes() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver receiver = RelayReceiver.start()) {
      String[] endpoint = createEndpoint(receiver, null);
      receiver.verifyWith(endpoint[1]);
      String user = "u-" + UUID.randomUUID();
      List<String> traces = new ArrayList<>();
      for (String type :
          List.of("auth", "activity", "sleep", "body", "daily", "lab_report.created")) {
        traces.add(deliver(type, user, "caf\u00e9 \u2615 \\u00e9 " + type));
      }
      Await.until(
          "all six verified by the Standard Webhooks library",
          Duration.ofSeconds(30),
          () -> traces.stream().allMatch(t -> !byTrace(receiver, t).isEmpty()));
      assertThat(receiver.refusedSignatures()).isZero();
      Map<String, String> feed = walkFeed(null, 500);
      for (String trace : traces) {
        RelayReceiver.Received message = byTrace(receiver, trace).get(0);
        assertThat(message.text()).as("byte for byte").isEqualTo(feed.get(trace));
        assertThat(message.header("webhook-id")).startsWith("msg_");
        assertThat(message.header("terra-user-id")).isEqualTo(user);
        assertThat(message.header("terra-reference-id")).isEqualTo("ref-" + user);
        assertThat(message.header("terra-event-type")).isNotBlank();
        assertThat(message.header("content-type")).isEqualTo("application/json");
      }
      // a Terra retry of the same delivery (same trace id) is a duplicate: nothing is queued
      String body = "{\"type\":\"activity\",\"user\":{\"user_id\":\"" + user + "\"},\"data\":[]}";
      String trace = "trace-" + UUID.randomUUID();
      assertThat(post(body, trace).statusCode()).isEqualTo(200);
      assertThat(post(body.replace("[]", "[ ]"), trace).statusCode()).isEqualTo(200);
      Await.until(
          "the first copy", Duration.ofSeconds(30), () -> !byTrace(receiver, trace).isEmpty());
      JsonNode stats =
          json(admin("GET", "/admin/relay/endpoints/" + endpoint[0], null)).get("messages");
      assertThat(stats.get("delivered").asLong() + stats.get("pending").asLong()).isEqualTo(7);
    }
  }

  @Test
  void failedAttemptsAreRetriedWithTheSameWebhookIdAndRecorded() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver receiver = RelayReceiver.start()) {
      String[] endpoint = createEndpoint(receiver, null);
      receiver.verifyWith(endpoint[1]);
      receiver.failShare(0.5);
      List<String> traces = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        traces.add(deliver("activity", "u-" + i, "retry " + i));
      }
      Await.until(
          "every message delivered despite 500s",
          Duration.ofSeconds(60),
          () -> traces.stream().allMatch(t -> !byTrace(receiver, t).isEmpty()));
      JsonNode attempts =
          json(admin("GET", "/admin/relay/endpoints/" + endpoint[0] + "/attempts?limit=1000", null))
              .get("attempts");
      List<JsonNode> failed = new ArrayList<>();
      attempts.forEach(
          a -> {
            if (a.get("status").asInt() == 500) {
              failed.add(a);
            }
          });
      assertThat(receiver.attempts()).isGreaterThan(20);
      assertThat(failed).isNotEmpty();
      assertThat(failed.get(0).get("error").asText()).isEqualTo("HTTP 500");
      assertThat(failed.get(0).get("message_id").asText()).startsWith("msg_");
      assertThat(failed.get(0).get("duration_ms").asLong()).isNotNegative();
      assertThat(attempts.get(0).get("instance").asText()).startsWith("relay-");
    }
  }

  @Test
  void anEventTypeFilterAndADisabledEndpointDoWhatTheySay() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver authOnly = RelayReceiver.start();
        RelayReceiver disabled = RelayReceiver.start();
        RelayReceiver everything = RelayReceiver.start()) {
      authOnly.verifyWith(
          createEndpoint(authOnly, "\"event_types\":[\"auth\",\"lab_report.*\"]")[1]);
      disabled.verifyWith(createEndpoint(disabled, "\"enabled\":false")[1]);
      everything.verifyWith(createEndpoint(everything, null)[1]);
      String user = "filter-" + UUID.randomUUID();
      String auth = deliver("auth", user, "a");
      String activity = deliver("activity", user, "b");
      String lab = deliver("lab_report.created", user, "c");
      Await.until(
          "the unfiltered endpoint got all three",
          Duration.ofSeconds(30),
          () ->
              List.of(auth, activity, lab).stream()
                  .allMatch(t -> !byTrace(everything, t).isEmpty()));
      Await.until(
          "the filtered one got auth",
          Duration.ofSeconds(30),
          () -> !byTrace(authOnly, auth).isEmpty());
      Await.until(
          "and lab_report.*", Duration.ofSeconds(30), () -> !byTrace(authOnly, lab).isEmpty());
      // the unfiltered endpoint already has every event: had the others been queued, they were due
      assertThat(byTrace(authOnly, activity)).isEmpty();
      assertThat(disabled.attempts()).isZero();
      // the config endpoint's filter (only_for_config) matched none of them
      assertThat(byTrace(configReceiver, auth)).isEmpty();
    }
  }

  @Test
  void aReplayResendsWithTheSameWebhookId() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver receiver = RelayReceiver.start()) {
      String[] endpoint = createEndpoint(receiver, null);
      receiver.verifyWith(endpoint[1]);
      Instant before = CLOCK.instant();
      String first = deliver("sleep", "replay-user", "first");
      String second = deliver("sleep", "replay-user", "second");
      Await.until(
          "both delivered",
          Duration.ofSeconds(30),
          () -> !byTrace(receiver, first).isEmpty() && !byTrace(receiver, second).isEmpty());
      String webhookId = byTrace(receiver, first).get(0).header("webhook-id");
      HttpResponse<String> replay =
          admin(
              "POST",
              "/admin/relay/endpoints/" + endpoint[0] + "/replay",
              "{\"message_id\":\"" + webhookId + "\"}");
      assertThat(replay.statusCode()).isEqualTo(202);
      assertThat(json(replay).get("replayed").asInt()).isEqualTo(1);
      Await.until("the replay", Duration.ofSeconds(30), () -> byTrace(receiver, first).size() == 2);
      assertThat(byTrace(receiver, first))
          .extracting(r -> r.header("webhook-id"))
          .containsOnly(webhookId);
      assertThat(byTrace(receiver, first).get(1).body())
          .isEqualTo(byTrace(receiver, first).get(0).body());

      HttpResponse<String> since =
          admin(
              "POST",
              "/admin/relay/endpoints/" + endpoint[0] + "/replay",
              "{\"since\":\"" + before + "\"}");
      assertThat(json(since).get("replayed").asInt()).isGreaterThanOrEqualTo(2);
      Await.until(
          "the replay since",
          Duration.ofSeconds(30),
          () -> byTrace(receiver, first).size() == 3 && byTrace(receiver, second).size() == 2);
      HttpResponse<String> missing =
          admin(
              "POST",
              "/admin/relay/endpoints/" + endpoint[0] + "/replay",
              "{\"message_id\":\"msg_nope\"}");
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void duringARotationBothSecretsSignSoEitherVerifies() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver oldOnly = RelayReceiver.start()) {
      String[] endpoint = createEndpoint(oldOnly, null);
      oldOnly.verifyWith(endpoint[1]);
      JsonNode rotated =
          json(
              admin(
                  "POST",
                  "/admin/relay/endpoints/" + endpoint[0] + "/rotate-secret",
                  "{\"grace\":\"PT1H\"}"));
      String newSecret = rotated.get("secret").asText();
      assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint[1]);
      assertThat(rotated.get("previous_secret_valid_until").asText()).isNotBlank();
      String trace = deliver("daily", "rotation-user", "rotated");
      Await.until(
          "verified with the old secret",
          Duration.ofSeconds(30),
          () -> !byTrace(oldOnly, trace).isEmpty());
      RelayReceiver.Received message = byTrace(oldOnly, trace).get(0);
      assertThat(message.header("webhook-signature").split(" "))
          .hasSize(2)
          .allMatch(s -> s.startsWith("v1,"));
      // the same bytes verify with only the new secret too
      com.standardwebhooks.Webhook fresh = new com.standardwebhooks.Webhook(newSecret);
      Map<String, List<String>> headers = new HashMap<>();
      for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
        headers.put(name, List.of(message.header(name)));
      }
      fresh.verify(message.text(), headers);
    }
  }

  @Test
  void orderedEndpointsNeverStartAUsersNextMessageBeforeThePreviousFinished() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver receiver = RelayReceiver.start()) {
      String[] endpoint = createEndpoint(receiver, "\"ordered\":true");
      receiver.verifyWith(endpoint[1]);
      receiver.failShare(0.4);
      Map<String, List<String>> sentByUser = new LinkedHashMap<>();
      for (int i = 0; i < 30; i++) {
        String user = "ordered-" + (i % 3) + "-" + endpoint[0];
        sentByUser
            .computeIfAbsent(user, u -> new ArrayList<>())
            .add(deliver("activity", user, "n" + i));
      }
      List<String> all = sentByUser.values().stream().flatMap(List::stream).toList();
      Await.until(
          "all delivered",
          Duration.ofSeconds(60),
          () -> all.stream().allMatch(t -> !byTrace(receiver, t).isEmpty()));
      for (Map.Entry<String, List<String>> user : sentByUser.entrySet()) {
        List<String> arrived =
            receiver.received().stream()
                .filter(r -> user.getKey().equals(r.header("terra-user-id")))
                .map(r -> r.header("terra-trace-id"))
                .distinct()
                .toList();
        assertThat(arrived).as("arrival order of " + user.getKey()).isEqualTo(user.getValue());
      }
    }
  }

  @Test
  void anEndpointFailingLongerThanTheLimitIsDisabledAndReported() throws Exception {
    TestDatabase.assumeConfigured(database);
    try (RelayReceiver broken = RelayReceiver.start()) {
      String[] endpoint = createEndpoint(broken, null);
      broken.verifyWith(endpoint[1]);
      broken.failShare(1.0);
      deliver("activity", "broken-user", "x");
      // the class runs with --relay-disable-after PT2S and retries every few hundred ms
      Await.until(
          "disabled",
          Duration.ofSeconds(30),
          checked(
              () ->
                  !json(admin("GET", "/admin/relay/endpoints/" + endpoint[0], null))
                      .get("enabled")
                      .asBoolean()));
      JsonNode view = json(admin("GET", "/admin/relay/endpoints/" + endpoint[0], null));
      assertThat(view.get("disabled_reason").asText()).contains("failing");
      assertThat(view.get("failing_since").asText()).isNotBlank();
      String metrics =
          http.send(
                  HttpRequest.newBuilder(gatewayUri("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics)
          .contains("terraauth_relay_endpoints_disabled_total{endpoint=\"" + endpoint[0] + "\"}");
      assertThat(metrics).contains("terraauth_relay_attempts_total");
      assertThat(metrics).contains("terraauth_relay_queued_total");
      // re-enabled, it is tried again
      broken.failShare(0);
      int before = broken.attempts();
      JsonNode enabled =
          json(admin("PATCH", "/admin/relay/endpoints/" + endpoint[0], "{\"enabled\":true}"));
      assertThat(enabled.get("failing_since").isNull()).isTrue();
      admin(
          "POST",
          "/admin/relay/endpoints/" + endpoint[0] + "/replay",
          "{\"since\":\"" + Instant.EPOCH + "\"}");
      Await.until("tried again", Duration.ofSeconds(30), () -> broken.attempts() > before);
    }
  }

  @Test
  void thePullFeedWalksEveryEventOnceInCommitOrderAndLongPolls() throws Exception {
    TestDatabase.assumeConfigured(database);
    String start = latestCursor();
    List<String> traces = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      traces.add(deliver(i % 2 == 0 ? "activity" : "body", "feed-user", "feed " + i));
    }
    LinkedHashMap<String, String> walked = walkFeed(start, 7);
    assertThat(new ArrayList<>(walked.keySet())).isEqualTo(traces);
    assertThat(walked.get(traces.get(3))).contains("feed 3");

    String cursor = latestCursor();
    CompletableFuture<HttpResponse<String>> waiting =
        http.sendAsync(
            HttpRequest.newBuilder(
                    gatewayUri(
                        "/events?wait=30&after="
                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + EVENTS_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(500); // the request is waiting now
    assertThat(waiting).isNotDone();
    String trace = deliver("activity", "feed-user", "long poll");
    long acknowledged = System.nanoTime();
    HttpResponse<String> answer = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
    long afterAck = (System.nanoTime() - acknowledged) / 1_000_000;
    assertThat(json(answer).get("events").get(0).get("trace_id").asText()).isEqualTo(trace);
    assertThat(afterAck)
        .as("ms from the delivery's 200 to the long poll's answer")
        .isLessThan(1_000);
    System.out.println(
        "pull feed: long poll answered " + afterAck + " ms after the delivery's 200");
  }

  @Test
  void thePullFeedHasItsOwnToken() throws Exception {
    TestDatabase.assumeConfigured(database);
    assertThat(feed("", null).statusCode()).isEqualTo(401);
    assertThat(feed("", ADMIN.reveal()).statusCode()).as("not the admin token").isEqualTo(401);
    assertThat(feed("", EVENTS_TOKEN).statusCode()).isEqualTo(200);
    HttpResponse<String> bad = feed("?after=bogus", EVENTS_TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText()).contains("after");
    assertThat(json(feed("?limit=0", EVENTS_TOKEN)).get("detail").asText()).contains("limit");
    assertThat(json(feed("?wait=31", EVENTS_TOKEN)).get("detail").asText()).contains("wait");
  }
}
