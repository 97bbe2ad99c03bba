package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.Await;
import dev.terraauth.testing.Browser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WidgetFlowTest {
  static final String DEV_ID = "acme-testing-0000";
  static final String API_KEY = "fake-api-key-testing-0000";
  static final String SECRET = "fake-signing-secret-testing-0000";

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
            .clock(Clock.fixed(Instant.parse("2026-07-01T08:00:00Z"), ZoneOffset.UTC))
            .account(
                EmulatorAccount.builder(DEV_ID)
                    .apiKey(API_KEY)
                    .signingSecrets(List.of(SECRET))
                    .webhookUrl(receiver.url())
                    .build())
            .quirks(Quirks.defaults().withDeauthDelay(Duration.ofMillis(10)))
            .retrySchedule(List.of(Duration.ofMillis(50), Duration.ofMillis(100)))
            .start();
    api = new Api(terra.apiBaseUrl(), DEV_ID, API_KEY);
    browser = new Browser(terra.baseUrl());
  }

  @AfterAll
  static void stop() {
    terra.close();
    receiver.close();
  }

  @BeforeEach
  void clearReceived() {
    receiver.drain();
  }

  @Test
  void approvingInTheWidgetRedirectsWithParametersAndSendsSignedAuthWebhook() throws Exception {
    Api.Response session =
        api.post(
            "/auth/generateWidgetSession",
            """
            {"reference_id":"app-user-42","providers":"GARMIN,FITBIT",
             "auth_success_redirect_url":"https://app.example/ok?terra_auth_success=true",
             "auth_failure_redirect_url":"https://app.example/failed"}""");
    assertThat(session.status()).isEqualTo(200);
    assertThat(session.json().get("expires_in").asInt()).isEqualTo(900);

    Browser.Page widget = browser.get(session.json().get("url").asText());
    assertThat(widget.status()).isEqualTo(200);
    assertThat(widget.body()).contains("Garmin").contains("Fitbit").doesNotContain("Oura");
    String garmin =
        widget.links().stream().filter(link -> link.endsWith("/GARMIN")).findFirst().orElseThrow();

    Browser.Page consent = browser.follow(browser.get(garmin));
    assertThat(consent.status()).isEqualTo(200);
    Browser.Page done =
        browser.post(consent.formAction("/approve"), Map.of("account", "alice@garmin"));

    assertThat(done.status()).isEqualTo(302);
    assertThat(done.location()).startsWith("https://app.example/ok?terra_auth_success=true&");
    Map<String, String> params = Browser.query(done.location());
    assertThat(params)
        .containsEntry("resource", "GARMIN")
        .containsEntry("reference_id", "app-user-42");
    String userId = params.get("user_id");
    assertThat(terra.admin().users(DEV_ID)).extracting(EmulatedUser::userId).contains(userId);

    WebhookReceiver.Received auth = receiver.next();
    assertThat(auth.type()).isEqualTo("auth");
    assertThat(auth.json().at("/user/user_id").asText()).isEqualTo(userId);
    assertThat(auth.json().at("/user/reference_id").asText()).isEqualTo("app-user-42");
    String signature = auth.header("X-Terra-Signature");
    assertThat(auth.header("Terra-Signature")).isEqualTo(signature);
    long t = terra.admin().now().getEpochSecond();
    assertThat(signature).isEqualTo("t=" + t + ",v1=" + WebhookSigner.sign(SECRET, t, auth.body()));
    assertThat(auth.header("X-Terra-Trace-Id")).isNotBlank();
    assertThat(auth.header("terra-reference")).isNotBlank();
    assertThat(Long.parseLong(auth.header("X-Terra-Ordering-Timestamp")))
        .isGreaterThanOrEqualTo(t * 1000);
  }

  @Test
  void denyingRedirectsToTheFailureUrlWithReasonAndSendsAuthCancelled() throws Exception {
    Api.Response session =
        api.post(
            "/auth/generateWidgetSession",
            "{\"auth_success_redirect_url\":\"https://app.example/ok\","
                + "\"auth_failure_redirect_url\":\"myapp://failed?x=1#frag\"}");
    Browser.Page consent =
        browser.follow(browser.get(session.json().get("url").asText() + "/connect/FITBIT"));
    Browser.Page done =
        browser.post(consent.formAction("/deny"), Map.of("reason", "missing_scopes"));

    assertThat(done.status()).isEqualTo(302);
    assertThat(done.location()).startsWith("myapp://failed?x=1&").endsWith("#frag");
    assertThat(Browser.query(done.location().replace("#frag", "")))
        .containsEntry("resource", "FITBIT")
        .containsEntry("reference_id", "null")
        .containsEntry("reason", "missing_scopes");
    WebhookReceiver.Received cancelled = receiver.next();
    assertThat(cancelled.type()).isEqualTo("auth_cancelled");
    assertThat(cancelled.json().get("reason").asText()).isEqualTo("missing_scopes");
    SpecSchemas.assertValid(SpecSchemas.component("AuthErrorEvent"), cancelled.text());
    assertThat(browser.post(consent.formAction("/approve"), Map.of()).status()).isEqualTo(410);
  }

  @Test
  void expiredWidgetSessionsAndAuthLinksShowTheExpiryPage() throws Exception {
    Api.Response session = api.post("/auth/generateWidgetSession", "{}");
    String url = session.json().get("url").asText();
    Api.Response link = api.post("/auth/authenticateUser?resource=OURA", "{}");
    assertThat(browser.get(url).status()).isEqualTo(200);

    terra.admin().advanceClock(Duration.ofSeconds(899));
    assertThat(browser.get(url).status()).isEqualTo(200);
    terra.admin().advanceClock(Duration.ofSeconds(1));

    Browser.Page expired = browser.get(url);
    assertThat(expired.status()).isEqualTo(410);
    assertThat(expired.body()).contains("Session expired");
    assertThat(browser.get(url + "/connect/GARMIN").status()).isEqualTo(410);
    Browser.Page expiredLink = browser.get(link.json().get("auth_url").asText());
    assertThat(expiredLink.status()).isEqualTo(410);
    assertThat(expiredLink.body()).contains("Session expired");
  }

  @Test
  void reconnectingTheSameProviderAccountWithTheSameReferenceReplacesTheUser() throws Exception {
    Browser.Page first = Flows.connect(api, browser, "WITHINGS", "ref-reauth", "bob", null);
    String oldUserId = Browser.query(first.location()).get("user_id");
    assertThat(receiver.next().type()).isEqualTo("auth");

    Browser.Page second = Flows.connect(api, browser, "WITHINGS", "ref-reauth", "bob", null);
    String newUserId = Browser.query(second.location()).get("user_id");

    List<WebhookReceiver.Received> events = receiver.next(2);
    WebhookReceiver.Received reauth =
        events.stream().filter(e -> e.type().equals("user_reauth")).findFirst().orElseThrow();
    assertThat(events).extracting(WebhookReceiver.Received::type).contains("auth");
    SpecSchemas.assertValid(SpecSchemas.component("UserReauthEvent"), reauth.text());
    assertThat(reauth.json().at("/old_user/user_id").asText()).isEqualTo(oldUserId);
    assertThat(reauth.json().at("/new_user/user_id").asText()).isEqualTo(newUserId);
    assertThat(api.get("/userInfo?user_id=" + oldUserId).status()).isEqualTo(404);
    assertThat(api.get("/userInfo?reference_id=ref-reauth").json()).hasSize(1);

    Flows.connect(api, browser, "WITHINGS", "other-ref", "bob", null);
    assertThat(receiver.next().type()).isEqualTo("auth");
    assertThat(api.get("/userInfo?user_id=" + newUserId).status()).isEqualTo(200);
  }

  @Test
  void authenticateUserTakesQueryParametersAndKeepsItsPreallocatedUserId() throws Exception {
    Api.Response link =
        api.post(
            "/auth/authenticateUser?resource=POLAR&reference_id=q-ref"
                + "&auth_success_redirect_url=https%3A%2F%2Fapp.example%2Fdone",
            null);
    assertThat(link.status()).isEqualTo(200);
    String userId = link.json().get("user_id").asText();
    Browser.Page consent = browser.get(link.json().get("auth_url").asText());
    Browser.Page done = browser.post(consent.formAction("/approve"), Map.of("account", "q"));
    assertThat(Browser.query(done.location()))
        .containsEntry("user_id", userId)
        .containsEntry("resource", "POLAR")
        .containsEntry("reference_id", "q-ref");
    assertThat(receiver.next().json().at("/user/user_id").asText()).isEqualTo(userId);
    assertThat(browser.post(consent.formAction("/approve"), Map.of()).body())
        .contains("already been used");
  }

  @Test
  void mobileSdkProvidersInTheWidgetRedirectWithANullUserId() throws Exception {
    Api.Response session =
        api.post(
            "/auth/generateWidgetSession",
            "{\"reference_id\":\"phone\",\"auth_success_redirect_url\":\"https://app.example/ok\"}");
    Browser.Page done = browser.get(session.json().get("url").asText() + "/connect/APPLE");
    assertThat(done.status()).isEqualTo(302);
    assertThat(Browser.query(done.location()))
        .containsEntry("user_id", "null")
        .containsEntry("resource", "APPLE")
        .containsEntry("reference_id", "phone");
  }

  @Test
  void withoutRedirectUrlTheDefaultResultPageIsShownAndNamesAreEscaped() throws Exception {
    Api.Response link = api.post("/auth/authenticateUser?resource=GARMIN", "{}");
    Browser.Page consent = browser.get(link.json().get("auth_url").asText());
    Browser.Page denied =
        browser.post(consent.formAction("/deny"), Map.of("reason", "<script>x</script>"));
    assertThat(denied.status()).isEqualTo(200);
    assertThat(denied.body()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
    assertThat(receiver.next().type()).isEqualTo("auth_cancelled");
  }

  @Test
  void deauthenticatingAnswersAtOnceAndSendsDeauthAsynchronously() throws Exception {
    String userId = Flows.connectUser(api, browser, "GOOGLE", "deauth-ref");
    assertThat(receiver.next().type()).isEqualTo("auth");
    Api.Response response = api.delete("/auth/deauthenticateUser?user_id=" + userId);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"success\"}");
    assertThat(api.get("/userInfo?user_id=" + userId).status()).isEqualTo(404);

    WebhookReceiver.Received deauth = receiver.next();
    assertThat(deauth.type()).isEqualTo("deauth");
    assertThat(deauth.json().at("/user/user_id").asText()).isEqualTo(userId);
    assertThat(deauth.json().at("/user/active").asBoolean()).isFalse();
    SpecSchemas.assertValid(SpecSchemas.component("DeauthEvent"), deauth.text());
    assertThat(api.delete("/auth/deauthenticateUser?user_id=" + userId).status()).isEqualTo(404);
  }

  @Test
  void adminTriggersProviderSideEvents() throws Exception {
    String userId = Flows.connectUser(api, browser, "GARMIN", "admin-ref");
    assertThat(receiver.next().type()).isEqualTo("auth");
    Api admin = new Api(terra.baseUrl(), null, null);

    assertThat(admin.post("/_emulator/users/" + userId + "/connection_error", null).status())
        .isEqualTo(200);
    WebhookReceiver.Received connectionError = receiver.next();
    assertThat(connectionError.type()).isEqualTo("connection_error");
    SpecSchemas.assertValid(SpecSchemas.component("ConnectionErrorEvent"), connectionError.text());

    admin.post(
        "/_emulator/users/" + userId + "/permission_change",
        "{\"scopes_added\":\"BODY_EXPORT\",\"scopes_removed\":\"HEALTH_EXPORT\"}");
    WebhookReceiver.Received change = receiver.next();
    SpecSchemas.assertValid(SpecSchemas.component("PermissionChangeEvent"), change.text());
    assertThat(change.json().at("/user/scopes").asText()).isEqualTo("ACTIVITY_EXPORT,BODY_EXPORT");
    assertThat(api.get("/userInfo?user_id=" + userId).json().at("/user/scopes").asText())
        .isEqualTo("ACTIVITY_EXPORT,BODY_EXPORT");

    admin.post("/_emulator/users/" + userId + "/access_revoked", null);
    WebhookReceiver.Received revoked = receiver.next();
    SpecSchemas.assertValid(SpecSchemas.component("AccessRevokedEvent"), revoked.text());
    assertThat(api.get("/userInfo?user_id=" + userId).json().get("is_authenticated").asBoolean())
        .isFalse();
    assertThat(admin.post("/_emulator/users/nobody/access_revoked", null).status()).isEqualTo(404);
    assertThat(admin.get("/_emulator/users?dev_id=" + DEV_ID).body()).contains(userId);
  }

  @Test
  void mobileTokensAreSingleUseShortLivedAndBoundToTheirDevId() throws Exception {
    Api admin = new Api(terra.baseUrl(), null, null);
    String token = api.post("/auth/generateAuthToken", null).json().get("token").asText();
    String redeem =
        "{\"dev_id\":\"%s\",\"token\":\"%s\",\"reference_id\":\"phone-1\",\"provider\":\"APPLE\"}";

    Api.Response other =
        admin.post("/_emulator/sdk/redeem", redeem.formatted("terra-auth-local-dev", token));
    assertThat(other.status()).isEqualTo(401);
    assertThat(other.json().get("outcome").asText()).isEqualTo("token_from_other_dev_id");

    Api.Response ok = admin.post("/_emulator/sdk/redeem", redeem.formatted(DEV_ID, token));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().at("/user/provider").asText()).isEqualTo("APPLE");
    WebhookReceiver.Received auth = receiver.next();
    assertThat(auth.json().at("/user/reference_id").asText()).isEqualTo("phone-1");

    Api.Response reused = admin.post("/_emulator/sdk/redeem", redeem.formatted(DEV_ID, token));
    assertThat(reused.json().get("outcome").asText()).isEqualTo("token_already_used");

    String second = api.post("/auth/generateAuthToken", null).json().get("token").asText();
    assertThat(terra.admin().redeemMobileToken(DEV_ID, second, "phone-1", "APPLE").ok()).isTrue();
    List<WebhookReceiver.Received> reinstall = receiver.next(2);
    assertThat(reinstall)
        .extracting(WebhookReceiver.Received::type)
        .containsExactlyInAnyOrder("user_reauth", "auth");

    String late = api.post("/auth/generateAuthToken", null).json().get("token").asText();
    terra.admin().advanceClock(Duration.ofSeconds(180));
    assertThat(terra.admin().redeemMobileToken(DEV_ID, late, "phone-2", "APPLE").outcome())
        .isEqualTo(TokenRedemption.Outcome.TOKEN_EXPIRED);
    assertThat(terra.admin().redeemMobileToken(DEV_ID, "f".repeat(64), "x", "APPLE").outcome())
        .isEqualTo(TokenRedemption.Outcome.UNKNOWN_TOKEN);
  }

  @Test
  void failedDeliveriesAreRetriedWithTheSameTraceId() throws Exception {
    String userId = Flows.connectUser(api, browser, "GARMIN", "retry-ref");
    assertThat(receiver.next().type()).isEqualTo("auth");
    receiver.failNext(2, "connection_error");
    WebhookDelivery delivery = terra.admin().connectionError(userId).orElseThrow();

    List<WebhookReceiver.Received> attempts = receiver.next(3, delivery.traceId());
    assertThat(attempts)
        .extracting(r -> r.header("X-Terra-Trace-Id"))
        .containsOnly(delivery.traceId());
    assertThat(attempts).extracting(WebhookReceiver.Received::text).containsOnly(delivery.body());
    assertThat(attempts)
        .extracting(r -> r.header("X-Terra-Ordering-Timestamp"))
        .containsOnly(Long.toString(delivery.orderingTimestampMs()));
    WebhookDelivery done = awaitState(delivery.traceId(), WebhookDelivery.State.DELIVERED);
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(done.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
  }

  @Test
  void deliveriesThatKeepFailingEndFailedAfterTheSchedule() throws Exception {
    String userId = Flows.connectUser(api, browser, "GARMIN", "fail-ref");
    assertThat(receiver.next().type()).isEqualTo("auth");
    receiver.failNext(3, "connection_error");
    WebhookDelivery delivery = terra.admin().connectionError(userId).orElseThrow();
    assertThat(receiver.next(3, delivery.traceId())).hasSize(3);
    WebhookDelivery failed = awaitState(delivery.traceId(), WebhookDelivery.State.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.lastStatus()).isEqualTo(500);
  }

  static WebhookDelivery awaitState(String traceId, WebhookDelivery.State state) throws Exception {
    return awaitState(terra, traceId, state);
  }

  static WebhookDelivery awaitState(
      TerraEmulator terra, String traceId, WebhookDelivery.State state) throws Exception {
    return Await.result(
        "delivery " + traceId + " " + state,
        Duration.ofSeconds(5),
        () ->
            terra.admin().deliveries().stream()
                .filter(d -> d.traceId().equals(traceId) && d.state() == state)
                .findFirst());
  }
}
