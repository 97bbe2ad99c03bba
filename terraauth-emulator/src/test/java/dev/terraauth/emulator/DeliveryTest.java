package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.Await;
import dev.terraauth.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivery mechanics: timeouts, redirection to a new URL, the admin clock. */
class DeliveryTest {
  static WebhookReceiver receiver;
  static TerraEmulator terra;

  @BeforeAll
  static void start() throws Exception {
    receiver = new WebhookReceiver();
    terra =
        TerraEmulator.builder()
            .port(0)
            .account(EmulatorAccount.local().withWebhookUrl(receiver.url()))
            .deliveryTimeout(Duration.ofMillis(700))
            .retrySchedule(List.of(Duration.ofMillis(50)))
            .start();
  }

  @AfterAll
  static void stop() {
    terra.close();
    receiver.close();
  }

  @Test
  void slowReceiversTimeOutAndGetTheDeliveryAgain() throws Exception {
    Api api = Api.local(terra.apiBaseUrl());
    Browser browser = new Browser(terra.baseUrl());
    String userId = Flows.connectUser(api, browser, "GARMIN", "slow");
    assertThat(receiver.next().type()).isEqualTo("auth");

    receiver.stallNext(1, "connection_error");
    Api admin = new Api(terra.baseUrl(), null, null);
    String traceId =
        admin
            .post("/_emulator/users/" + userId + "/connection_error", null)
            .json()
            .get("trace_id")
            .asText();
    // Only this delivery's attempts count (on a loaded machine an earlier one may be retried too).
    List<WebhookReceiver.Received> attempts = new java.util.ArrayList<>();
    while (attempts.size() < 2) {
      WebhookReceiver.Received next = receiver.next();
      if (traceId.equals(next.header("X-Terra-Trace-Id"))) {
        attempts.add(next);
      }
    }
    assertThat(attempts)
        .extracting(WebhookReceiver.Received::text)
        .containsOnly(attempts.get(0).text());

    var delivery =
        Await.result(
            "the retried delivery marked delivered",
            Duration.ofSeconds(5),
            () -> {
              var deliveries = admin.get("/_emulator/deliveries").json();
              var last = deliveries.get(deliveries.size() - 1);
              return last.get("state").asText().equals("DELIVERED")
                  ? Optional.of(last)
                  : Optional.empty();
            });
    assertThat(delivery.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
  }

  @Test
  void webhooksFollowTheAccountsCurrentUrl() throws Exception {
    Api api = Api.local(terra.apiBaseUrl());
    Browser browser = new Browser(terra.baseUrl());
    Api admin = new Api(terra.baseUrl(), null, null);
    try (WebhookReceiver other = new WebhookReceiver()) {
      String body = "{\"url\":\"" + other.url() + "\"}";
      assertThat(
              admin
                  .send(
                      "PUT",
                      "/_emulator/accounts/" + EmulatorAccount.LOCAL_DEV_ID + "/webhook_url",
                      body)
                  .status())
          .isEqualTo(200);
      assertThat(admin.send("PUT", "/_emulator/accounts/nobody/webhook_url", body).status())
          .isEqualTo(404);
      Flows.connectUser(api, browser, "OURA", "moved");
      WebhookReceiver.Received auth = other.next();
      assertThat(auth.type()).isEqualTo("auth");
      long t = Long.parseLong(auth.header("X-Terra-Signature").split(",")[0].substring(2));
      assertThat(auth.header("X-Terra-Signature"))
          .endsWith(
              "v1=" + WebhookSigner.sign(EmulatorAccount.LOCAL_SIGNING_SECRET, t, auth.body()));
    } finally {
      terra.admin().setWebhookUrl(EmulatorAccount.LOCAL_DEV_ID, receiver.url());
    }
  }

  @Test
  void theAdminApiMovesTheClock() throws Exception {
    Api admin = new Api(terra.baseUrl(), null, null);
    long before = admin.get("/_emulator/clock").json().get("epoch_seconds").asLong();
    long after =
        admin
            .post("/_emulator/clock/advance", "{\"seconds\":901}")
            .json()
            .get("epoch_seconds")
            .asLong();
    assertThat(after - before).isBetween(901L, 910L);
    assertThat(admin.post("/_emulator/clock/advance", "{}").status()).isEqualTo(400);
  }
}
