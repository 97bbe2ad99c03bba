package dev.terraauth.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.client.AuthLink;
import dev.terraauth.core.client.AuthenticateUserRequest;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.Quirks;
import dev.terraauth.emulator.junit.TerraEmulatorExtension;
import dev.terraauth.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example app against the emulator on port 0: a user connects in the emulated widget, the
 * emulator posts the signed {@code auth} webhook, the listener stores it; then the user is
 * deauthenticated and the {@code deauth} event is stored too.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
class WebhooksApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static TerraEmulatorExtension terra =
      TerraEmulatorExtension.configure(
          builder -> builder.quirks(Quirks.defaults().withDeauthDelay(Duration.ZERO)));

  @DynamicPropertySource
  static void emulator(DynamicPropertyRegistry registry) {
    registry.add("terra.api-url", () -> terra.apiBaseUrl().toString());
    registry.add("terra.widget-session-url", () -> terra.widgetSessionUrl().toString());
  }

  @LocalServerPort int port;
  @Autowired TerraAuthClient client;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aConnectedUserIsStoredAndSoIsTheirDeauth() throws Exception {
    terra.deliverWebhooksTo(
        EmulatorAccount.LOCAL_DEV_ID, URI.create("http://127.0.0.1:" + port + "/terra/webhooks"));

    AuthLink link = client.authenticateUser(AuthenticateUserRequest.of("OURA", "example-user"));
    approveConsent(link.authUrl());
    JsonNode connected = awaitEntry("auth", link.userId());
    client.deauthenticateUser(link.userId());
    JsonNode disconnected = awaitEntry("deauth", link.userId());

    assertThat(connected.get("provider").asText()).isEqualTo("OURA");
    assertThat(connected.get("referenceId").asText()).isEqualTo("example-user");
    assertThat(disconnected.get("userId").asText()).isEqualTo(link.userId());
  }

  @Test
  void connectRedirectsToTheWidget() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connect?user=u-7"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(terra.emulator().baseUrl().toString());
  }

  @Test
  void aForgedDeliveryIsRefusedAndNotStored() throws Exception {
    byte[] body =
        ("{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\"forged-user\","
                + "\"provider\":\"GARMIN\",\"reference_id\":\"mallory\"}}")
            .getBytes(StandardCharsets.UTF_8);
    String signature =
        WebhookSigner.of(Secret.of("acme-testing-0000-not-the-secret"))
            .header(System.currentTimeMillis() / 1000, body);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/terra/webhooks"))
                .header("X-Terra-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String stored =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connections"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(stored).doesNotContain("forged-user");
  }

  /** Polls GET /connections until the event is there (deliveries are asynchronous). */
  private JsonNode awaitEntry(String type, String userId) throws Exception {
    return Await.result(
        "a stored " + type + " event for " + userId,
        Duration.ofSeconds(20),
        () -> {
          String body =
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/connections"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          for (JsonNode entry : JSON.readTree(body)) {
            if (entry.get("type").asText().equals(type)
                && entry.get("userId").asText().equals(userId)) {
              return Optional.of(entry);
            }
          }
          return Optional.empty();
        });
  }

  private void approveConsent(URI authUrl) throws Exception {
    assertThat(
            http.send(HttpRequest.newBuilder(authUrl).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> approved =
        http.send(
            HttpRequest.newBuilder(URI.create(authUrl + "/approve"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("account=example-demo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).isIn(200, 302);
  }
}
