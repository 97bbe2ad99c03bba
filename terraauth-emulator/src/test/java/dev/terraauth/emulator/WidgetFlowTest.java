package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(widget.html()).contains("Garmin").contains("Fitbit").doesNotContain("Oura");
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
    long t = Instant.parse("2026-07-01T08:00:00Z").getEpochSecond();
    assertThat(signature).isEqualTo("t=" + t + ",v1=" + WebhookSigner.sign(SECRET, t, auth.body()));
    assertThat(auth.header("X-Terra-Trace-Id")).isNotBlank();
    assertThat(auth.header("terra-reference")).isNotBlank();
    assertThat(Long.parseLong(auth.header("X-Terra-Ordering-Timestamp")))
        .isGreaterThanOrEqualTo(t * 1000);
  }
}
