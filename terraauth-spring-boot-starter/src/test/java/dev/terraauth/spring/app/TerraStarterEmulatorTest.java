package dev.terraauth.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.client.AuthLink;
import dev.terraauth.core.client.AuthenticateUserRequest;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.WebhookDelivery;
import dev.terraauth.emulator.junit.TerraEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a running application (random port, Spring Security's default chain, Actuator)
 * against the emulator on port 0: a user connects through the emulator and the listener receives
 * the typed event; forged, stale and re-encoded deliveries are refused; secrets stay masked.
 */
@SpringBootTest(
    classes = WebhookTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "terra.environment=local",
      "spring.security.user.name=operator",
      "spring.security.user.password=acme-testing-0000-password",
      "management.endpoints.web.exposure.include=health,env,configprops",
      "management.endpoint.health.show-details=always",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always",
      // a copy of a configured secret under an innocent name, and a Terra-looking name
      "my.copied.value=" + EmulatorAccount.LOCAL_API_KEY,
      "TERRA_LOCAL_WEBHOOK_SECRET_7=acme-testing-0000-copied-secret" // terra-auth:allow (fake)
    })
class TerraStarterEmulatorTest {
  private static final String SECRET = EmulatorAccount.LOCAL_SIGNING_SECRET;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static TerraEmulatorExtension terra = TerraEmulatorExtension.create();

  @DynamicPropertySource
  static void emulator(DynamicPropertyRegistry registry) {
    registry.add("terra.api-url", () -> terra.apiBaseUrl().toString());
    registry.add("terra.widget-session-url", () -> terra.widgetSessionUrl().toString());
  }

  @LocalServerPort int port;
  @Autowired TerraAuthClient client;
  @Autowired WebhookTestApplication.Recorder recorder;
  @Autowired MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void pointTheEmulatorAtTheApp() {
    terra.deliverWebhooksTo(EmulatorAccount.LOCAL_DEV_ID, url("/terra/webhooks"));
  }

  @Test
  void aUserConnectsThroughTheEmulatorAndTheListenerGetsTheTypedEvent() throws Exception {
    AuthLink link = client.authenticateUser(AuthenticateUserRequest.of("FITBIT", "starter-user-1"));
    approveConsent(link.authUrl());

    AuthSuccessEvent event = recorder.connected.poll(20, TimeUnit.SECONDS);

    assertThat(event).as("auth event dispatched").isNotNull();
    assertThat(event.user().userId()).isEqualTo(link.userId());
    assertThat(event.user().referenceId()).isEqualTo("starter-user-1");
    WebhookDelivery delivery =
        terra.admin().deliveries().stream()
            .filter(d -> d.type().equals("auth") && d.body().contains(link.userId()))
            .findFirst()
            .orElseThrow();
    assertThat(recorder.everyTraceId).contains(delivery.traceId());
    assertThat(recorder.applicationEvents).contains(event);
    assertThat(meters.get("terra.webhook.verification").tag("outcome", "verified").timer().count())
        .isPositive();
    assertThat(
            meters
                .get("terra.client.calls")
                .tags("operation", "POST /auth/authenticateUser", "outcome", "ok")
                .timer()
                .count())
        .isPositive();
  }

  @Test
  void aSignedDeliveryIsAcceptedAsTheExactBytesSent() throws Exception {
    byte[] body = authBody("Zoë Müller ✓").getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();

    HttpResponse<String> response = post(body, sign(SECRET, now(), body), traceId);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("ok");
    assertThat(recorder.everyTraceId).contains(traceId);
  }

  @Test
  void aForgedDeliveryIs401AndNothingIsDispatched() throws Exception {
    byte[] body = authBody("forged").getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();

    HttpResponse<String> response =
        post(body, sign("acme-testing-0000-not-the-secret", now(), body), traceId);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("bad_signature");
    assertThat(recorder.everyTraceId).doesNotContain(traceId);
  }

  @Test
  void aStaleDeliveryIs401() throws Exception {
    byte[] body = authBody("stale").getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();

    HttpResponse<String> response = post(body, sign(SECRET, now() - 600, body), traceId);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("stale_timestamp");
    assertThat(recorder.everyTraceId).doesNotContain(traceId);
  }

  @Test
  void aReEncodedBodyIs401() throws Exception {
    String original = authBody("Zoë");
    byte[] signedBytes = original.getBytes(StandardCharsets.UTF_8);
    String header = sign(SECRET, now(), signedBytes);
    // What a framework does with a body it turned into a String or an object and back.
    byte[] latin1 = original.getBytes(StandardCharsets.ISO_8859_1);
    byte[] reserialised = JSON.writeValueAsBytes(JSON.readTree(signedBytes));
    String traceId = UUID.randomUUID().toString();

    assertThat(post(latin1, header, traceId).statusCode()).isEqualTo(401);
    assertThat(post(reserialised, header, traceId).statusCode()).isEqualTo(401);
    assertThat(recorder.everyTraceId).doesNotContain(traceId);
  }

  @Test
  void aRepeatedTraceIdIsDispatchedOnce() throws Exception {
    byte[] body = "{\"type\":\"sleep\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();
    String header = sign(SECRET, now(), body);

    HttpResponse<String> first = post(body, header, traceId);
    HttpResponse<String> second = post(body, header, traceId);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).get("result").asText()).isEqualTo("duplicate");
    assertThat(recorder.everyTraceId.stream().filter(traceId::equals)).hasSize(1);
  }

  @Test
  void aFailingListenerIs500SoTerraRetriesAndTheRetryIsDispatchedAgain() throws Exception {
    byte[] body = "{\"type\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();
    String header = sign(SECRET, now(), body);

    HttpResponse<String> first = post(body, header, traceId);
    HttpResponse<String> retry = post(body, header, traceId);

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.body()).doesNotContain("database");
    assertThat(retry.statusCode()).isEqualTo(500);
    assertThat(recorder.everyTraceId.stream().filter(traceId::equals)).hasSize(2);
  }

  @Test
  void aBodyAboveTheLimitIs413() throws Exception {
    byte[] body = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');

    HttpResponse<String> response = post(body, sign(SECRET, now(), body), "big");

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void springSecurityStillGuardsEverythingElse() throws Exception {
    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(url("/somewhere-else"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> env =
        http.send(
            HttpRequest.newBuilder(url("/actuator/env")).build(),
            HttpResponse.BodyHandlers.ofString());

    // (Spring Boot's default chain leaves /actuator/health open on purpose, so env is the probe.)
    assertThat(other.statusCode()).isIn(401, 403);
    assertThat(env.statusCode()).isEqualTo(401);
  }

  @Test
  void theHealthIndicatorReports() throws Exception {
    JsonNode health = JSON.readTree(get("/actuator/health/terra").body());

    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/details/environment").asText()).isEqualTo("local");
    assertThat(health.at("/details/credentials").asText()).isEqualTo("complete");
    assertThat(health.at("/details/signingSecrets").asInt()).isEqualTo(1);
  }

  @Test
  void actuatorEndpointsMaskEverySecret() throws Exception {
    HttpResponse<String> env = get("/actuator/env");
    HttpResponse<String> configprops = get("/actuator/configprops");

    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(configprops.statusCode()).isEqualTo(200);
    // values are shown (show-values=always), just not the secret ones
    assertThat(env.body()).contains("\"operator\"");
    assertThat(configprops.body()).contains("/terra/webhooks");
    for (String body : new String[] {env.body(), configprops.body()}) {
      assertThat(body)
          .doesNotContain(EmulatorAccount.LOCAL_API_KEY)
          .doesNotContain(EmulatorAccount.LOCAL_SIGNING_SECRET)
          .doesNotContain("acme-testing-0000-copied-secret");
    }
    assertThat(env.body()).contains("my.copied.value").contains("TERRA_LOCAL_WEBHOOK_SECRET_7");
  }

  private HttpResponse<String> post(byte[] body, String signature, String traceId)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(url("/terra/webhooks"))
            .header("Content-Type", "application/json")
            .header("X-Terra-Signature", signature)
            .header("X-Terra-Trace-Id", traceId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    String login =
        Base64.getEncoder()
            .encodeToString("operator:acme-testing-0000-password".getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(url(path)).header("Authorization", "Basic " + login).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String sign(String secret, long timestamp, byte[] body) {
    return WebhookSigner.of(Secret.of(secret)).header(timestamp, body);
  }

  private static String authBody(String referenceId) {
    return "{\"type\": \"auth\", \"status\": \"success\", \"user\": {\"user_id\": \"u-"
        + UUID.randomUUID()
        + "\", \"provider\": \"GARMIN\", \"reference_id\": \""
        + referenceId
        + "\"}}";
  }

  /** Plays the user: opens the emulator's consent page and approves, as a browser would. */
  private void approveConsent(URI authUrl) throws Exception {
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(authUrl).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> approved =
        http.send(
            HttpRequest.newBuilder(URI.create(authUrl + "/approve"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("account=starter-demo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).isIn(200, 302);
  }
}
