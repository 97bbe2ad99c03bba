package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook shapes per profile, header handling and dev-id scoping of the public endpoints. */
class ProfilesTest {
  static final String LEGACY_AUTH_ERROR =
      """
      {"type":"object","required":["type","status","message","reason","reference_id","user"],
       "properties":{"type":{"const":"auth"},"status":{"const":"error"},
        "user":{"type":"object","required":["user_id","provider"]}}}""";

  static TerraEmulator current;
  static TerraEmulator legacy;

  @BeforeAll
  static void start() {
    EmulatorAccount narrow =
        EmulatorAccount.builder("acme-narrow-0000")
            .apiKey("fake-api-key-narrow-0000")
            .signingSecrets(List.of("fake-signing-secret-narrow-0000"))
            .providers(List.of("OURA", "APPLE"))
            .build();
    current = TerraEmulator.builder().port(0).account(narrow).start();
    legacy = TerraEmulator.builder().port(0).profile(Profile.LEGACY).account(narrow).start();
  }

  @AfterAll
  static void stop() {
    current.close();
    legacy.close();
  }

  @Test
  void failureAndSuccessEventsFollowTheProfile() throws Exception {
    List<JsonNode> currentEvents = denyAndApprove(current);
    JsonNode cancelled = currentEvents.get(0);
    SpecSchemas.assertValid(SpecSchemas.component("AuthErrorEvent"), cancelled.toString());
    assertThat(cancelled.get("reference_id").asText()).isEqualTo("profile-ref");
    JsonNode currentAuth = currentEvents.get(1);
    assertThat(currentAuth.has("reference_id")).isFalse();
    SpecSchemas.assertValid(SpecSchemas.component("AuthSuccessEvent"), currentAuth.toString());

    List<JsonNode> legacyEvents = denyAndApprove(legacy);
    SpecSchemas.assertValidInline(LEGACY_AUTH_ERROR, legacyEvents.get(0).toString());
    SpecSchemas.assertInvalid(
        SpecSchemas.component("AuthErrorEvent"), legacyEvents.get(0).toString());
    assertThat(legacyEvents.get(1).get("reference_id").asText()).isEqualTo("profile-ref");
    SpecSchemas.assertValid(
        SpecSchemas.component("AuthSuccessEvent"), legacyEvents.get(1).toString());
  }

  /** Denies one consent and approves another; returns the failure and the auth event bodies. */
  private static List<JsonNode> denyAndApprove(TerraEmulator terra) throws Exception {
    Api api = Api.local(terra.apiBaseUrl());
    Browser browser = new Browser(terra.baseUrl());
    int before = terra.admin().deliveries().size();
    for (String action : List.of("/deny", "/approve")) {
      Api.Response link =
          api.post("/auth/authenticateUser?resource=GARMIN", "{\"reference_id\":\"profile-ref\"}");
      Browser.Page consent = browser.get(link.json().get("auth_url").asText());
      assertThat(browser.post(consent.formAction(action), Map.of()).status()).isEqualTo(200);
    }
    List<WebhookDelivery> deliveries = terra.admin().deliveries();
    assertThat(deliveries).hasSize(before + 2);
    assertThat(deliveries.get(before).state()).isEqualTo(WebhookDelivery.State.NO_DESTINATION);
    return List.of(
        Json.MAPPER.readTree(deliveries.get(before).body()),
        Json.MAPPER.readTree(deliveries.get(before + 1).body()));
  }

  @Test
  void headerNamesAreCaseInsensitiveAndBothAreRequired() throws Exception {
    Api api = Api.local(current.apiBaseUrl());
    java.net.http.HttpResponse<String> upper =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(current.apiBaseUrl() + "/subscriptions"))
                    .header("DEV-ID", EmulatorAccount.LOCAL_DEV_ID)
                    .header("X-API-Key", EmulatorAccount.LOCAL_API_KEY)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(upper.statusCode()).isEqualTo(200);
    assertThat(api.as(null, EmulatorAccount.LOCAL_API_KEY).get("/subscriptions").status())
        .isEqualTo(401);
    assertThat(api.as(EmulatorAccount.LOCAL_DEV_ID, "").get("/subscriptions").status())
        .isEqualTo(401);
    assertThat(
            api.as("acme-narrow-0000", EmulatorAccount.LOCAL_API_KEY)
                .get("/subscriptions")
                .status())
        .isEqualTo(401);
  }

  @Test
  void integrationsArePublicAndScopedToAKnownDevId() throws Exception {
    Api anonymous = new Api(current.apiBaseUrl(), null, null);
    JsonNode all = anonymous.get("/integrations").json();
    assertThat(all.get("providers").toString()).contains("GARMIN", "FITBIT");
    assertThat(all.get("sdk_providers").toString()).contains("APPLE");

    Api narrow = new Api(current.apiBaseUrl(), "acme-narrow-0000", null);
    JsonNode scoped = narrow.get("/integrations").json();
    assertThat(scoped.get("providers").toString()).isEqualTo("[\"OURA\"]");
    assertThat(scoped.get("sdk_providers").toString()).isEqualTo("[\"APPLE\"]");
    JsonNode detailed = narrow.get("/integrations/detailed").json();
    assertThat(detailed.get("providers")).hasSize(1);
    assertThat(narrow.get("/integrations/detailed?sdk=true").json().get("providers")).hasSize(2);
  }
}
