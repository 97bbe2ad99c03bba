package dev.terraauth.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.client.RetryPolicy;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.ReloadingCredentials;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.EmulatorClock;
import dev.terraauth.gateway.CoreWiring;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.testing.TestDatabase;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing-secret rotation in a running gateway: {@code .env.terra.testing} in a temp dir is
 * rewritten while the gateway serves real HTTP; time is an injected clock moved by hand.
 */
class SigningSecretRotationTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  static final String SECRET_A = "fake-signing-secret-testing-000a";
  static final String SECRET_B = "fake-signing-secret-testing-000b";
  static final String STAGING_SECRET = "fake-signing-secret-staging-0001";
  static final Secret ADMIN = Secret.of("fake-admin-token-0000");
  static final Duration GRACE = Duration.ofMinutes(10);
  static final Duration CHECK = Duration.ofSeconds(15);

  @TempDir Path directory;
  final EmulatorClock clock =
      EmulatorClock.of(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  final HttpClient http = HttpClient.newHttpClient();
  TestDatabase database;
  SigningSecretRotation rotation;
  GatewayApp gateway;
  String base;

  @BeforeEach
  void start() throws IOException {
    writeTesting("TERRA_TESTING_WEBHOOK_SECRET=" + SECRET_A);
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .workingDirectory(directory)
            .environmentVariables(Map.of())
            .gitCommand("git-not-installed-here")
            .build();
    ReloadingCredentials credentials =
        ReloadingCredentials.builder(loader, Environment.TESTING)
            .gracePeriod(GRACE)
            .checkInterval(CHECK)
            .clock(clock)
            .build();
    rotation =
        new SigningSecretRotation(
            Environment.TESTING,
            credentials,
            List.of(new SigningSecret(Environment.STAGING, 1, Secret.of(STAGING_SECRET))),
            CHECK,
            clock);
    TerraAuthClient client =
        TerraAuthClient.builder()
            .credentials(credentials.current())
            .retryPolicy(RetryPolicy.NONE)
            .clock(clock)
            .build();
    database = TestDatabase.sqlite(directory);
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(
                JwtSettings.hs256(
                    Secret.of("fake-hs256-secret-for-tests-0000-0000-0000"),
                    "https://app.example",
                    "gateway"))
            .appReturnUrl(URI.create("https://app.example/done"))
            .adminToken(ADMIN)
            .build();
    gateway =
        GatewayApp.create(config, CoreWiring.parts(database.database(), client, rotation, clock))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterEach
  void stop() {
    gateway.stop();
    database.close();
  }

  void writeTesting(String signingLine) throws IOException {
    Path file = directory.resolve(".env.terra.testing");
    Files.writeString(
        file,
        "TERRA_TESTING_DEV_ID=acme-testing-0000\n"
            + "TERRA_TESTING_API_KEY=fake-api-key-testing-0000\n"
            + "TERRA_TESTING_API_URL=http://127.0.0.1:1/api/v2\n"
            + signingLine
            + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Delivers a deauth event signed with {@code secret} now (by the injected clock). */
  HttpResponse<String> deliver(String secret) throws Exception {
    String body =
        "{\"type\":\"deauth\",\"status\":\"success\",\"message\":\"User has deauthenticated\","
            + "\"user\":{\"user_id\":\""
            + UUID.randomUUID()
            + "\",\"provider\":\"GARMIN\",\"last_webhook_update\":null,\"scopes\":\"A\","
            + "\"reference_id\":\"nobody\",\"active\":false}}";
    String signature =
        WebhookSigner.of(Secret.of(secret))
            .header(clock.instant(), body.getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/webhooks/terra"))
            .header("Content-Type", "application/json")
            .header("X-Terra-Signature", signature)
            .header("X-Terra-Trace-Id", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> admin(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + ADMIN.reveal())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  static String fingerprint(String secret) {
    return Secret.fingerprintOf(secret);
  }

  static void assertNoSecretValues(String text) {
    assertThat(text)
        .doesNotContain(SECRET_A)
        .doesNotContain(SECRET_B)
        .doesNotContain(STAGING_SECRET)
        .doesNotContain("fake-api-key-testing-0000");
  }

  @Test
  void aRotatedSecretIsAcceptedAtOnceTheOldOneOnlyForTheGracePeriodAndABrokenEditKeepsIt()
      throws Exception {
    assertThat(deliver(SECRET_A).statusCode()).isEqualTo(200);
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(401);

    writeTesting("TERRA_TESTING_WEBHOOK_SECRET=" + SECRET_B);
    HttpResponse<String> reloaded = admin("POST", "/admin/credentials/reload");

    assertThat(reloaded.statusCode()).isEqualTo(200);
    assertNoSecretValues(reloaded.body());
    JsonNode report = json(reloaded);
    assertThat(report.get("reloaded").asBoolean()).isTrue();
    assertThat(report.get("problem").isNull()).isTrue();
    assertThat(report.get("verifier_rebuilt").asBoolean()).isTrue();
    assertThat(report.get("added")).hasSize(1);
    assertThat(report.get("added").get(0).get("fingerprint").asText())
        .isEqualTo(fingerprint(SECRET_B));
    assertThat(report.get("added").get(0).get("generation").asInt()).isEqualTo(1);
    assertThat(report.get("no_longer_accepted")).isEmpty();
    assertThat(report.get("retiring").get(0).get("fingerprint").asText())
        .isEqualTo(fingerprint(SECRET_A));
    assertThat(report.get("retiring").get(0).get("accepted_until").asText())
        .isEqualTo(clock.instant().plus(GRACE).toString());

    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(200);
    assertThat(deliver(SECRET_A).statusCode()).isEqualTo(200); // inside the grace period
    clock.advance(GRACE.minusSeconds(1));
    assertThat(deliver(SECRET_A).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> late = deliver(SECRET_A);
    assertThat(late.statusCode()).isEqualTo(401);
    assertThat(json(late).get("detail").asText()).contains("no v1 signature matches");
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(200);

    // a half-saved edit: the periodic check finds it, keeps B and says why
    writeTesting("TERRA_TESTING_WEBHOOK_SECRET=\"fake-signing-secret-half-pasted");
    clock.advance(CHECK);
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(200);
    HttpResponse<String> health = admin("GET", "/admin/credentials");
    assertNoSecretValues(health.body());
    assertThat(health.body()).doesNotContain("half-pasted");
    JsonNode environment = json(health).get("environments").get(0);
    assertThat(environment.get("last_reload_problem").asText()).contains(".env.terra.testing");
    assertThat(environment.get("accepted")).hasSize(1);
    assertThat(environment.get("accepted").get(0).get("fingerprint").asText())
        .isEqualTo(fingerprint(SECRET_B));

    HttpResponse<String> refused = admin("POST", "/admin/credentials/reload");
    assertThat(refused.statusCode()).isEqualTo(200);
    assertNoSecretValues(refused.body());
    assertThat(refused.body()).doesNotContain("half-pasted");
    assertThat(json(refused).get("reloaded").asBoolean()).isFalse();
    assertThat(json(refused).get("problem").asText()).contains(".env.terra.testing");
    assertThat(json(refused).get("verifier_rebuilt").asBoolean()).isFalse();
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(200);
    assertThat(deliver(SECRET_A).statusCode()).isEqualTo(401);

    JsonNode deliveries = json(admin("GET", "/admin/deliveries")).get("deliveries");
    assertThat(deliveries.toString())
        .contains("testing#1 (fingerprint " + fingerprint(SECRET_A) + ")")
        .contains("testing#1 (fingerprint " + fingerprint(SECRET_B) + ")");
  }

  @Test
  void thePeriodicCheckPicksUpAnEditAndTheVerifierIsRebuiltOnlyWhenTheSecretsChange()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(deliver(SECRET_A).statusCode()).isEqualTo(200);
    }
    clock.advance(CHECK); // a check with nothing changed
    assertThat(deliver(SECRET_A).statusCode()).isEqualTo(200);
    assertThat(rotation.verifiersBuilt()).isEqualTo(1);

    writeTesting("TERRA_TESTING_WEBHOOK_SECRET=" + SECRET_B + "," + SECRET_A);
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(401); // not re-read on every request
    clock.advance(CHECK);
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(200);
    assertThat(deliver(SECRET_A).statusCode()).isEqualTo(200);
    assertThat(rotation.verifiersBuilt()).isEqualTo(2);
    clock.advance(CHECK);
    assertThat(deliver(SECRET_B).statusCode()).isEqualTo(200);
    assertThat(rotation.verifiersBuilt()).isEqualTo(2);

    // the rebuilt verifier still recognises another environment's delivery as misrouted
    HttpResponse<String> misrouted = deliver(STAGING_SECRET);
    assertThat(misrouted.statusCode()).isEqualTo(401);
    assertThat(json(misrouted).get("detail").asText())
        .contains("staging")
        .contains("this gateway serves testing");
  }

  @Test
  void theAdminReloadNeedsTheAdminToken() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/credentials/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
