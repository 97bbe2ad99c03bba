package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserCapTest {
  static WebhookReceiver receiver;
  static TerraEmulator terra;
  static Api api;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    receiver = new WebhookReceiver();
    terra =
        TerraEmulator.builder()
            .port(0)
            .includeLocalAccount(false)
            .account(
                EmulatorAccount.builder("acme-staging-0000")
                    .environment(AccountEnvironment.STAGING)
                    .apiKey("fake-api-key-staging-0000")
                    .signingSecrets(List.of("fake-signing-secret-staging-0000"))
                    .webhookUrl(receiver.url())
                    .userCap(2)
                    .build())
            .quirks(Quirks.defaults().withUserCapStatus(429).withFailureReasonParameter("error"))
            .start();
    api = new Api(terra.apiBaseUrl(), "acme-staging-0000", "fake-api-key-staging-0000");
    browser = new Browser(terra.baseUrl());
  }

  @AfterAll
  static void stop() {
    terra.close();
    receiver.close();
  }

  @Test
  void theCapRefusesNewUsersUntilOneIsDeauthenticated() throws Exception {
    assertThat(AccountEnvironment.TESTING.defaultUserCap()).isEqualTo(50);
    assertThat(AccountEnvironment.PRODUCTION.defaultUserCap()).isEqualTo(Integer.MAX_VALUE);
    String first = Flows.connectUser(api, browser, "GARMIN", "cap-1");
    Api.Response pendingLink =
        api.post(
            "/auth/authenticateUser?resource=OURA",
            "{\"auth_failure_redirect_url\":\"https://app.example/failed\"}");
    Api.Response reconnectLink =
        api.post(
            "/auth/authenticateUser?resource=GARMIN",
            "{\"reference_id\":\"cap-1\",\"auth_success_redirect_url\":\"https://app.example/ok\"}");
    Flows.connectUser(api, browser, "FITBIT", "cap-2");
    assertThat(receiver.next(2)).extracting(WebhookReceiver.Received::type).containsOnly("auth");

    Api.Response refused = api.post("/auth/authenticateUser?resource=GARMIN", "{}");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("detail").asText()).contains("at most 2 users");
    assertThat(api.post("/auth/generateWidgetSession", "{}").status()).isEqualTo(429);

    // A link handed out before the environment filled up fails at approval.
    Browser.Page consent = browser.get(pendingLink.json().get("auth_url").asText());
    Browser.Page failed = browser.post(consent.formAction("/approve"), Map.of());
    assertThat(Browser.query(failed.location()))
        .containsEntry("error", Lifecycle.USER_LIMIT_REACHED);
    assertThat(receiver.next().json().get("reason").asText())
        .isEqualTo(Lifecycle.USER_LIMIT_REACHED);

    // Reconnecting an existing user does not need a free slot.
    Browser.Page again =
        browser.post(
            browser.get(reconnectLink.json().get("auth_url").asText()).formAction("/approve"),
            Map.of("account", "demo-user"));
    assertThat(again.status()).isEqualTo(302);
    assertThat(receiver.next(2))
        .extracting(WebhookReceiver.Received::type)
        .containsExactlyInAnyOrder("user_reauth", "auth");
    assertThat(api.get("/userInfo?user_id=" + first).status()).isEqualTo(404);

    String replacement = Browser.query(again.location()).get("user_id");
    assertThat(api.delete("/auth/deauthenticateUser?user_id=" + replacement).status())
        .isEqualTo(200);
    assertThat(api.post("/auth/authenticateUser?resource=GARMIN", "{}").status()).isEqualTo(200);
  }
}
