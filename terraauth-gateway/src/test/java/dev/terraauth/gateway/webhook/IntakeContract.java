package dev.terraauth.gateway.webhook;

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
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook intake against a real gateway over HTTP and a real database: replays, header
 * spellings, forged ordering timestamps, long fields and retention.
 */
abstract class IntakeContract {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  static final String SECRET = "fake-signing-secret-testing-0001";
  static final Secret ADMIN = Secret.of("fake-admin-token-0000");

  static TestDatabase database;
  static GatewayApp gateway;
  static final Clock CLOCK = Clock.systemUTC();
  final HttpClient http = HttpClient.newHttpClient();

  static void startGateway(TestDatabase opened, IntakeSettings intake) {
    database = opened;
    if (database == null) {
      return;
    }
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secrets(List.of(new SigningSecret(Environment.TESTING, 1, Secret.of(SECRET))))
            .clock(CLOCK)
            .build();
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(
                JwtSettings.hs256(
                    Secret.of("fake-hs256-secret-for-tests-0000-0000-0000"), "iss", "aud"))
            .adminToken(ADMIN)
            .intake(intake)
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
    if (database != null) {
      database.close();
      database = null;
    }
  }

  /**
   * Opens a connection and sends a webhook's headers and the first byte of a 2,000-byte body, as a
   * slow or crashed sender leaves it.
   */
  static java.net.Socket startBody(int port) throws IOException {
    java.net.Socket socket = new java.net.Socket();
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
    String head =
        "POST /webhooks/terra HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-Terra-Signature: t=1,v1="
            + "0".repeat(64)
            + "\r\nContent-Length: 2000\r\n\r\n{";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  static String sign(long t, String body) {
    return WebhookSigner.of(Secret.of(SECRET)).header(t, body.getBytes(StandardCharsets.UTF_8));
  }

  static String authBody(String terraUserId, String reference, String provider) {
    return "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\""
        + terraUserId
        + "\",\"provider\":\""
        + provider
        + "\",\"scopes\":\"A\",\"reference_id\":\""
        + reference
        + "\"}}";
  }

  static String deauthBody(String terraUserId, String reference) {
    return "{\"type\":\"deauth\",\"status\":\"success\",\"user\":{\"user_id\":\""
        + terraUserId
        + "\",\"provider\":\"GARMIN\",\"reference_id\":\""
        + reference
        + "\"}}";
  }

  HttpResponse<String> post(String body, String signature, String trace, Long ordering)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/webhooks/terra"))
            .header("X-Terra-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (trace != null) {
      request.header("X-Terra-Trace-Id", trace);
    }
    if (ordering != null) {
      request.header("X-Terra-Ordering-Timestamp", Long.toString(ordering));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String status(HttpResponse<String> response) throws IOException {
    JsonNode json = JSON.readTree(response.body());
    return json.get("status").asText();
  }

  static long rowsWithBody(String body) {
    return database
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT COUNT(*) FROM webhook_delivery WHERE body = :body")
                    .bind("body", body)
                    .mapTo(Long.class)
                    .one());
  }

  static ConnectionState state(String terraUserId) {
    return new ConnectionStore(database.database().jdbi())
        .find(terraUserId)
        .map(Connection::state)
        .orElseThrow();
  }

  String metrics() throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  double clampedCount() throws IOException, InterruptedException {
    return metrics()
        .lines()
        .filter(line -> line.startsWith("terraauth_webhook_ordering_clamped_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  void aReplayWithANewTraceIdAndAForgedOrderingTimestampIsADuplicateAndTheGenuineDeauthWins()
      throws Exception {
    TestDatabase.assumeConfigured(database);
    String terraUserId = UUID.randomUUID().toString();
    String auth = authBody(terraUserId, "replayed", "GARMIN");
    long t = CLOCK.instant().getEpochSecond();
    String signature = sign(t, auth);
    HttpResponse<String> genuine = post(auth, signature, "trace-" + UUID.randomUUID(), t * 1000);
    assertThat(genuine.statusCode()).isEqualTo(200);
    assertThat(status(genuine)).isEqualTo("stored");

    HttpResponse<String> replay =
        post(auth, signature, "invented-" + UUID.randomUUID(), 999_999_999_999_999_999L);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(status(replay)).isEqualTo("duplicate");
    assertThat(rowsWithBody(auth)).isEqualTo(1);

    String deauth = deauthBody(terraUserId, "replayed");
    HttpResponse<String> deauthenticated =
        post(deauth, sign(t + 1, deauth), "trace-" + UUID.randomUUID(), (t + 1) * 1000);
    assertThat(status(deauthenticated)).isEqualTo("stored");
    assertThat(state(terraUserId)).isEqualTo(ConnectionState.DEAUTHENTICATED);
  }

  @Test
  void aForgedOrderingTimestampOnAFirstArrivalIsClampedAndCounted() throws Exception {
    TestDatabase.assumeConfigured(database);
    String terraUserId = UUID.randomUUID().toString();
    String auth = authBody(terraUserId, "clamped", "GARMIN");
    // signed 299 s ago (inside the tolerance): the bound is t + 300 s, one second from now
    long t = CLOCK.instant().getEpochSecond() - 299;
    String trace = "trace-" + UUID.randomUUID();
    double clampedBefore = clampedCount();
    assertThat(post(auth, sign(t, auth), trace, 999_999_999_999_999_999L).statusCode())
        .isEqualTo(200);
    WebhookDelivery stored =
        new DeliveryStore(database.database().jdbi()).find(trace).orElseThrow();
    assertThat(stored.orderingTimestampMs()).isEqualTo((t + 300) * 1000);
    assertThat(clampedCount()).isEqualTo(clampedBefore + 1);

    // a genuine deauth emitted after that bound wins
    long now = CLOCK.instant().getEpochSecond();
    String deauth = deauthBody(terraUserId, "clamped");
    post(deauth, sign(now, deauth), "trace-" + UUID.randomUUID(), (t + 302) * 1000);
    assertThat(state(terraUserId)).isEqualTo(ConnectionState.DEAUTHENTICATED);
  }

  @Test
  void fourSpellingsOfOneSignatureWithoutATraceIdAreStoredOnce() throws Exception {
    TestDatabase.assumeConfigured(database);
    String body = authBody(UUID.randomUUID().toString(), "spelled", "OURA");
    long t = CLOCK.instant().getEpochSecond();
    String header = sign(t, body);
    String hex = header.substring(header.indexOf("v1=") + 3);
    String[] spellings = {
      "t=" + t + ",v1=" + hex,
      "t=" + t + ", v1=" + hex,
      "t=" + t + ",v1=" + hex.toUpperCase(Locale.ROOT),
      "t=" + t + ",v0=" + "ab".repeat(32) + ",v1=" + hex
    };
    assertThat(status(post(body, spellings[0], null, null))).isEqualTo("stored");
    for (int i = 1; i < spellings.length; i++) {
      HttpResponse<String> again = post(body, spellings[i], null, null);
      assertThat(again.statusCode()).as(spellings[i]).isEqualTo(200);
      assertThat(status(again)).as(spellings[i]).isEqualTo("duplicate");
    }
    assertThat(rowsWithBody(body)).isEqualTo(1);
  }

  @Test
  void validDeliveriesWithLongFieldsAreStored() throws Exception {
    TestDatabase.assumeConfigured(database);
    String userId = "u".repeat(200);
    String reference = "r".repeat(300);
    String provider = "P".repeat(100);
    String trace = "t".repeat(300);
    String auth = authBody(userId, reference, provider);
    HttpResponse<String> stored =
        post(auth, sign(CLOCK.instant().getEpochSecond(), auth), trace, null);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(state(userId)).isEqualTo(ConnectionState.ACTIVE);
    String type = "x".repeat(100);
    String unknown = "{\"type\":\"" + type + "\",\"user\":{\"user_id\":\"" + userId + "\"}}";
    HttpResponse<String> passThrough =
        post(unknown, sign(CLOCK.instant().getEpochSecond(), unknown), "t2".repeat(150), null);
    assertThat(passThrough.statusCode()).as(passThrough.body()).isEqualTo(200);
    assertThat(new DeliveryStore(database.database().jdbi()).find("t2".repeat(150)))
        .hasValueSatisfying(d -> assertThat(d.eventType()).isEqualTo(type));
  }

  @Test
  void retentionPrunesOldDeliveriesInBatchesAndKeepsDedupeKeysForTheirWindow() throws Exception {
    TestDatabase.assumeConfigured(database);
    long now = CLOCK.millis();
    long old = now - Duration.ofDays(31).toMillis();
    long recentKey = now - Duration.ofHours(1).toMillis();
    String prefix = "retention-" + UUID.randomUUID() + "-";
    try (Handle handle = database.database().jdbi().open()) {
      for (int i = 0; i < 25; i++) {
        handle
            .createUpdate(
                "INSERT INTO webhook_delivery (dedupe_key, trace_id, signature_id, event_type,"
                    + " outcome, matched_secret, received_at_ms, body) VALUES (:k, :k, :k,"
                    + " 'auth', 'applied', 'testing#1', :at, '{}')")
            .bind("k", prefix + i)
            .bind("at", old)
            .execute();
        handle
            .createUpdate("INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (:k, :at)")
            .bind("k", "trace:" + prefix + i)
            .bind("at", i % 2 == 0 ? old : recentKey)
            .execute();
      }
    }
    DeliveryRetention.Report report = gateway.prune();
    assertThat(report.skipped()).isFalse();
    assertThat(report.deliveries()).isGreaterThanOrEqualTo(25);
    DeliveryStore deliveries = new DeliveryStore(database.database().jdbi());
    for (int i = 0; i < 25; i++) {
      assertThat(deliveries.find(prefix + i)).isEmpty();
    }
    long keysLeft =
        database
            .database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT COUNT(*) FROM webhook_seen WHERE seen_key LIKE :p")
                        .bind("p", "trace:" + prefix + "%")
                        .mapTo(Long.class)
                        .one());
    assertThat(keysLeft).isEqualTo(12); // the odd ones, seen an hour ago
    assertThat(metrics())
        .contains("terraauth_retention_pruned_total{kind=\"deliveries\"}")
        .contains("terraauth_retention_retained{kind=\"dedupe_keys\"}");
  }

  static IntakeSettings smallRetentionBatches() {
    return IntakeSettings.defaults().withRetention(Duration.ofDays(30), Duration.ZERO, 10);
  }

  static Instant now() {
    return CLOCK.instant();
  }
}
