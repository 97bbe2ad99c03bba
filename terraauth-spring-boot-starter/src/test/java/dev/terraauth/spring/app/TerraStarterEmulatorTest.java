package dev.terraauth.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.client.AuthLink;
import dev.terraauth.core.client.AuthenticateUserRequest;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.AccountEnvironment;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.Quirks;
import dev.terraauth.emulator.WebhookDelivery;
import dev.terraauth.emulator.junit.TerraEmulatorExtension;
import dev.terraauth.testing.Await;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a running application (random port, Spring Security's default chain, Actuator)
 * against the emulator on port 0. The credentials of {@code testing} come from environment
 * variables, as in production: the process's environment is replaced by a map holding the emulator
 * account's (fake) values, so nothing on the machine leaks in. A user connects through the emulator
 * and the listeners receive the typed events; forged, tampered, stale and re-encoded deliveries are
 * refused with nothing dispatched; secrets stay masked.
 */
@SpringBootTest(
    classes = WebhookTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "terra.environment=testing",
      "spring.security.user.name=operator",
      "spring.security.user.password=acme-testing-0000-password",
      "management.endpoints.web.exposure.include=health,env,configprops",
      "management.endpoint.health.show-details=always",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always",
      // a copy of a configured secret under an innocent name, and a Terra-looking name
      "my.copied.value=" + TerraStarterEmulatorTest.API_KEY,
      "TERRA_LOCAL_WEBHOOK_SECRET_7=acme-testing-0000-copied-secret" // terra-auth:allow (fake)
    })
@ContextConfiguration(initializers = TerraStarterEmulatorTest.ProcessEnvironment.class)
class TerraStarterEmulatorTest {
  private static final String DEV_ID = "acme-testing-0000";
  static final String API_KEY = "acme-testing-0000-api-key"; // terra-auth:allow (fake)
  private static final String SECRET = "acme-testing-0000-signing-secret"; // terra-auth:allow
  // the previous signing-secret generation, still accepted during a rotation
  private static final String PREVIOUS_SECRET =
      "acme-testing-0000-previous-secret"; // terra-auth:allow
  private static final String PRODUCTION_KEY =
      "acme-testing-0000-production-key"; // terra-auth:allow
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The process environment the application sees: credentials and some copies of secrets. */
  static class ProcessEnvironment
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      Map<String, Object> variables = new HashMap<>();
      variables.put("TERRA_TESTING_DEV_ID", DEV_ID);
      variables.put("TERRA_TESTING_API_KEY", API_KEY);
      variables.put("TERRA_TESTING_WEBHOOK_SECRET", SECRET);
      variables.put("TERRA_TESTING_WEBHOOK_SECRET_2", PREVIOUS_SECRET);
      variables.put("TERRA_PRODUCTION_API_KEY", PRODUCTION_KEY);
      variables.put(
          "SPRING_APPLICATION_JSON", "{\"app\":{\"copied\":\"" + PREVIOUS_SECRET + "\"}}");
      variables.put("COPIED_BY_HAND", SECRET);
      context
          .getEnvironment()
          .getPropertySources()
          .replace(
              StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              new SystemEnvironmentPropertySource(
                  StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }
  }

  /** The emulator with a {@code testing} account holding the values above. */
  @RegisterExtension
  static TerraEmulatorExtension terra =
      TerraEmulatorExtension.configure(
          builder ->
              builder
                  .account(
                      EmulatorAccount.builder(DEV_ID)
                          .environment(AccountEnvironment.TESTING)
                          .apiKey(API_KEY)
                          .signingSecrets(List.of(SECRET))
                          .build())
                  .quirks(Quirks.defaults().withDeauthDelay(Duration.ZERO)));

  @DynamicPropertySource
  static void emulator(DynamicPropertyRegistry registry) {
    registry.add("terra.api-url", () -> terra.apiBaseUrl().toString());
    registry.add("terra.widget-session-url", () -> terra.widgetSessionUrl().toString());
  }

  @LocalServerPort int port;
  @Autowired TerraAuthClient client;
  @Autowired WebhookTestApplication.Recorder recorder;
  @Autowired Connections connections;
  @Autowired MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void pointTheEmulatorAtTheApp() {
    terra.deliverWebhooksTo(DEV_ID, url("/terra/webhooks"));
  }

  @Test
  void aUserConnectsAndDisconnectsThroughTheEmulatorAndTheListenersGetTheTypedEvents()
      throws Exception {
    AuthLink link = client.authenticateUser(AuthenticateUserRequest.of("FITBIT", "starter-user-1"));
    approveConsent(link.authUrl());

    AuthSuccessEvent event =
        Await.result(
            "the auth event of " + link.userId(),
            Duration.ofSeconds(20),
            () ->
                recorder.connected.stream()
                    .filter(e -> e.user().userId().equals(link.userId()))
                    .findFirst());

    assertThat(event.user().referenceId()).isEqualTo("starter-user-1");
    assertThat(connections.users).containsEntry(link.userId(), "starter-user-1");
    WebhookDelivery delivery =
        terra.admin().deliveries().stream()
            .filter(d -> d.type().equals("auth") && d.body().contains(link.userId()))
            .findFirst()
            .orElseThrow();
    assertThat(recorder.everyTraceId).contains(delivery.traceId());
    assertThat(recorder.applicationEvents).contains(event);
    // filtered listeners: by event class (DeauthEvent) and by type (sleep, boom) saw nothing
    assertThat(recorder.disconnected).noneMatch(e -> e.user().userId().equals(link.userId()));
    assertThat(recorder.typed).doesNotContain("auth");

    client.deauthenticateUser(link.userId());
    DeauthEvent gone =
        Await.result(
            "the deauth event of " + link.userId(),
            Duration.ofSeconds(20),
            () ->
                recorder.disconnected.stream()
                    .filter(e -> e.user().userId().equals(link.userId()))
                    .findFirst());

    assertThat(gone.type()).isEqualTo("deauth");
    Await.until(
        "the README listener forgets " + link.userId(),
        Duration.ofSeconds(5),
        () -> !connections.users.containsKey(link.userId()));
    assertThat(recorder.connected.stream().filter(e -> e.user().userId().equals(link.userId())))
        .hasSize(1);
    assertThat(meters.get("terra.webhook.verification").tag("outcome", "verified").timer().count())
        .isPositive();
    assertThat(
            meters
                .get("terra.client.calls")
                .tags(
                    "operation",
                    "POST /auth/authenticateUser",
                    "outcome",
                    "ok",
                    "environment",
                    "testing")
                .timer()
                .count())
        .isPositive();
  }

  @Test
  void aSignedDeliveryIsAcceptedAsTheExactBytesSent() throws Exception {
    String referenceId = "Zoë Müller ✓ " + UUID.randomUUID();
    byte[] body = authBody(referenceId).getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();

    HttpResponse<String> response = post(body, sign(SECRET, now(), body), traceId);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("ok");
    assertThat(recorder.everyTraceId).contains(traceId);
    assertThat(recorder.connected).anyMatch(e -> e.user().referenceId().equals(referenceId));
    assertThat(recorder.typed).doesNotContain("auth");
  }

  @Test
  void aDeliveryOfAnotherTypeReachesOnlyTheListenersFilteredForIt() throws Exception {
    String marker = UUID.randomUUID().toString();
    byte[] body =
        ("{\"type\":\"sleep\",\"data\":[],\"marker\":\"" + marker + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    int connected = recorder.connected.size();

    HttpResponse<String> response = post(body, sign(SECRET, now(), body), marker);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(recorder.typed).contains("sleep");
    assertThat(recorder.everyTraceId).contains(marker);
    assertThat(recorder.connected).hasSize(connected);
  }

  @Test
  void aDeliverySignedWithThePreviousSecretGenerationIsAccepted() throws Exception {
    byte[] body = authBody("rotation").getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();

    HttpResponse<String> response = post(body, sign(PREVIOUS_SECRET, now(), body), traceId);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(recorder.everyTraceId).contains(traceId);
  }

  @Test
  void aForgedDeliveryIs401AndNothingIsDispatched() throws Exception {
    String marker = UUID.randomUUID().toString();
    byte[] body = authBody(marker).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post(body, sign("acme-testing-0000-not-the-secret", now(), body), marker);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("bad_signature");
    assertNothingDispatched(marker);
  }

  @Test
  void aBodyAlteredAfterSigningIs401AndNothingIsDispatched() throws Exception {
    String marker = UUID.randomUUID().toString();
    byte[] signed = authBody(marker).getBytes(StandardCharsets.UTF_8);
    String header = sign(SECRET, now(), signed);
    byte[] altered = authBody(marker).replace("GARMIN", "GARMIM").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(altered, header, marker);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("bad_signature");
    assertNothingDispatched(marker);
  }

  @Test
  void aMissingOrGarbledSignatureIs401AndNothingIsDispatched() throws Exception {
    String marker = UUID.randomUUID().toString();
    byte[] body = authBody(marker).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> missing = post(body, null, marker);
    HttpResponse<String> garbled = post(body, "t=" + now() + ",v1=not-hex", marker);

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(missing.body()).get("result").asText()).isEqualTo("missing_header");
    assertThat(garbled.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(garbled.body()).get("result").asText()).isEqualTo("malformed_header");
    assertNothingDispatched(marker);
  }

  @Test
  void aStaleOrFutureDeliveryIs401AndNothingIsDispatched() throws Exception {
    String marker = UUID.randomUUID().toString();
    byte[] body = authBody(marker).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> stale = post(body, sign(SECRET, now() - 600, body), marker);
    HttpResponse<String> future = post(body, sign(SECRET, now() + 600, body), marker);

    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(stale.body()).get("result").asText()).isEqualTo("stale_timestamp");
    assertThat(future.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(future.body()).get("result").asText()).isEqualTo("future_timestamp");
    assertNothingDispatched(marker);
  }

  @Test
  void aReEncodedBodyIs401AndNothingIsDispatched() throws Exception {
    String marker = UUID.randomUUID().toString();
    String original = authBody("Zoë " + marker);
    byte[] signedBytes = original.getBytes(StandardCharsets.UTF_8);
    String header = sign(SECRET, now(), signedBytes);
    // What a framework does with a body it turned into a String or an object and back.
    byte[] latin1 = original.getBytes(StandardCharsets.ISO_8859_1);
    byte[] reserialised = JSON.writeValueAsBytes(JSON.readTree(signedBytes));
    assertThat(reserialised).isNotEqualTo(signedBytes);

    assertThat(post(latin1, header, marker).statusCode()).isEqualTo(401);
    assertThat(post(reserialised, header, marker).statusCode()).isEqualTo(401);
    assertNothingDispatched(marker);
  }

  @Test
  void aRepeatedTraceIdIsDispatchedOnce() throws Exception {
    byte[] body = "{\"type\":\"sleep\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();

    HttpResponse<String> first = post(body, sign(SECRET, now(), body), traceId);
    // Terra's retry: the same trace id, signed again
    HttpResponse<String> retry = post(body, sign(SECRET, now() - 1, body), traceId);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retry.body()).get("result").asText()).isEqualTo("duplicate");
    assertThat(recorder.everyTraceId.stream().filter(traceId::equals)).hasSize(1);
  }

  @Test
  void aCapturedDeliveryReplayedUnderANewTraceIdIsDispatchedOnce() throws Exception {
    String marker = UUID.randomUUID().toString();
    byte[] body = authBody(marker).getBytes(StandardCharsets.UTF_8);
    String header = sign(SECRET, now(), body);

    HttpResponse<String> first = post(body, header, UUID.randomUUID().toString());
    HttpResponse<String> replay = post(body, header, UUID.randomUUID().toString());
    HttpResponse<String> withoutTraceId = post(body, header, null);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(replay.body()).get("result").asText()).isEqualTo("duplicate");
    assertThat(JSON.readTree(withoutTraceId.body()).get("result").asText()).isEqualTo("duplicate");
    assertThat(recorder.everyBody.stream().filter(b -> b.contains(marker))).hasSize(1);
  }

  @Test
  void aRetryWhileTheFirstCopyIsStillProcessedIsAskedToComeBack() throws Exception {
    byte[] body = "{\"type\":\"slow\"}".getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();
    String header = sign(SECRET, now(), body);

    CompletableFuture<HttpResponse<String>> first = postAsync(body, header, traceId);
    assertThat(recorder.entered.await(20, TimeUnit.SECONDS)).as("the listener started").isTrue();
    HttpResponse<String> meanwhile = post(body, header, traceId);
    recorder.gate.countDown();
    HttpResponse<String> done = first.get(20, TimeUnit.SECONDS);
    HttpResponse<String> after = post(body, header, traceId);

    assertThat(meanwhile.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(meanwhile.body()).get("result").asText()).isEqualTo("in_progress");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(after.body()).get("result").asText()).isEqualTo("duplicate");
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
    assertThat(JSON.readTree(first.body()).get("result").asText()).isEqualTo("listener_failed");
    assertThat(retry.statusCode()).isEqualTo(500);
    assertThat(recorder.everyTraceId.stream().filter(traceId::equals)).hasSize(2);
  }

  @Test
  void aBodyAboveTheLimitIs413() throws Exception {
    byte[] body = new byte[1024 * 1024 + 1];
    Arrays.fill(body, (byte) ' ');

    HttpResponse<String> response = post(body, sign(SECRET, now(), body), "big");

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void springSecuritysDefaultChainStillGuardsEverythingElse() throws Exception {
    // Every webhook above was posted without a login or CSRF token; everything else needs both.
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
    assertThat(health.at("/details/environment").asText()).isEqualTo("testing");
    assertThat(health.at("/details/credentials").asText()).isEqualTo("complete");
    assertThat(health.at("/details/signingSecrets").asInt()).isEqualTo(2);
  }

  @Test
  void actuatorEndpointsMaskEverySecretFromEnvironmentVariablesAndProperties() throws Exception {
    HttpResponse<String> env = get("/actuator/env");
    HttpResponse<String> configprops = get("/actuator/configprops");
    HttpResponse<String> oneKey = get("/actuator/env/TERRA_TESTING_API_KEY");

    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(configprops.statusCode()).isEqualTo(200);
    assertThat(oneKey.statusCode()).isEqualTo(200);
    // values are shown (show-values=always), just not the secret ones
    assertThat(env.body())
        .contains("\"operator\"")
        .contains("TERRA_TESTING_DEV_ID")
        .contains(DEV_ID);
    assertThat(configprops.body()).contains("/terra/webhooks");
    for (String body : new String[] {env.body(), configprops.body(), oneKey.body()}) {
      assertThat(body)
          .doesNotContain(API_KEY)
          .doesNotContain(SECRET)
          .doesNotContain(PREVIOUS_SECRET)
          .doesNotContain(PRODUCTION_KEY)
          .doesNotContain("acme-testing-0000-copied-secret");
    }
    assertThat(env.body())
        .contains("TERRA_TESTING_API_KEY")
        .contains("TERRA_TESTING_WEBHOOK_SECRET_2")
        .contains("TERRA_PRODUCTION_API_KEY")
        .contains("SPRING_APPLICATION_JSON")
        .contains("COPIED_BY_HAND")
        .contains("my.copied.value")
        .contains("TERRA_LOCAL_WEBHOOK_SECRET_7");
    assertThat(JSON.readTree(oneKey.body()).at("/property/value").asText()).isEqualTo("******");
  }

  private void assertNothingDispatched(String marker) {
    assertThat(recorder.everyTraceId).doesNotContain(marker);
    assertThat(recorder.everyBody).noneMatch(body -> body.contains(marker));
    assertThat(recorder.applicationEventBodies).noneMatch(body -> body.contains(marker));
    assertThat(connections.users).doesNotContainValue(marker);
  }

  private HttpResponse<String> post(byte[] body, String signature, String traceId)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url("/terra/webhooks"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    Optional.ofNullable(signature).ifPresent(value -> request.header("X-Terra-Signature", value));
    Optional.ofNullable(traceId).ifPresent(value -> request.header("X-Terra-Trace-Id", value));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> postAsync(
      byte[] body, String signature, String traceId) {
    return http.sendAsync(
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
