package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.testing.Await;
import dev.terraauth.testing.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  static final String DEV_ID = "acme-faults-0000";
  static final String API_KEY = "fake-api-key-faults-0000";
  static final String SECRET = "fake-signing-secret-faults-0000";

  static WebhookReceiver receiver;
  static TerraEmulator terra;
  static Api api;
  static Api admin;
  static String userId;

  @BeforeAll
  static void start() throws Exception {
    receiver = new WebhookReceiver();
    terra =
        TerraEmulator.builder()
            .port(0)
            .account(
                EmulatorAccount.builder(DEV_ID)
                    .apiKey(API_KEY)
                    .signingSecrets(List.of(SECRET))
                    .webhookUrl(receiver.url())
                    .build())
            .retrySchedule(List.of(Duration.ofMillis(50)))
            // A fixed base: emulator time moves only when a test advances it, so timestamps
            // compare exactly instead of depending on whether the wall clock crossed a second.
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .start();
    api = new Api(terra.apiBaseUrl(), DEV_ID, API_KEY);
    admin = new Api(terra.baseUrl(), null, null);
    userId = Flows.connectUser(api, new Browser(terra.baseUrl()), "GARMIN", "faults");
    assertThat(receiver.next().type()).isEqualTo("auth");
  }

  @AfterAll
  static void stop() {
    terra.close();
    receiver.close();
  }

  @BeforeEach
  @AfterEach
  void reset() {
    terra.admin().clearFaults();
    receiver.drain();
  }

  @Test
  void answers503OnlyOnTheFaultedRoute() throws Exception {
    terra
        .admin()
        .setFaults(
            Faults.ofRoutes(
                Faults.RouteFault.always("generateWidgetSession", Faults.Kind.HTTP_503)));
    Api.Response failed = api.post("/auth/generateWidgetSession", "{}");
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.contentType()).startsWith("application/problem+json");
    SpecSchemas.assertValid(SpecSchemas.component("Problem"), failed.body());
    assertThat(api.get("/subscriptions").status()).isEqualTo(200);
  }

  @Test
  void answers429WithRetryAfterThroughTheAdminApi() throws Exception {
    Api.Response set =
        admin.send(
            "PUT",
            "/_emulator/faults",
            "{\"routes\":[{\"route\":\"*\",\"kind\":\"http_429\",\"retry_after_seconds\":7}]}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(admin.get("/_emulator/faults").json().at("/routes/0/kind").asText())
        .isEqualTo("http_429");
    Api.Response limited = api.get("/userInfo?user_id=" + userId);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("7");
    assertThat(admin.send("DELETE", "/_emulator/faults", null).status()).isEqualTo(200);
    assertThat(api.get("/userInfo?user_id=" + userId).status()).isEqualTo(200);
  }

  @Test
  void answersAnHtml500() throws Exception {
    terra
        .admin()
        .setFaults(
            Faults.ofRoutes(Faults.RouteFault.always("authenticateUser", Faults.Kind.HTML_500)));
    Api.Response failed = api.post("/auth/authenticateUser?resource=GARMIN", "{}");
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.contentType()).startsWith("text/html");
    assertThat(failed.body()).startsWith("<!DOCTYPE html>");
  }

  @Test
  void dropsTheConnection() {
    terra
        .admin()
        .setFaults(
            Faults.ofRoutes(
                Faults.RouteFault.always("generateAuthToken", Faults.Kind.DROP_CONNECTION)));
    assertThatThrownBy(() -> api.post("/auth/generateAuthToken", null))
        .isInstanceOf(IOException.class);
  }

  @Test
  void delaysAnswersBeyondAClientTimeout() throws Exception {
    terra
        .admin()
        .setFaults(
            Faults.ofRoutes(Faults.RouteFault.latency("integrations", Duration.ofMillis(600))));
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(terra.apiBaseUrl() + "/integrations"))
            .timeout(Duration.ofMillis(100))
            .build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    terra.admin().clearFaults();
    assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void seededRatesRepeatExactly() throws Exception {
    Faults half =
        new Faults(
            List.of(
                new Faults.RouteFault(
                    "subscriptions", Faults.Kind.HTTP_503, 0.5, Duration.ZERO, 1)),
            Faults.WebhookFaults.none(),
            1234);
    List<Integer> first = statuses(half);
    List<Integer> second = statuses(half);
    assertThat(first).isEqualTo(second).contains(200, 503);
  }

  private static List<Integer> statuses(Faults faults) throws Exception {
    terra.admin().setFaults(faults);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      statuses.add(api.get("/subscriptions").status());
    }
    return statuses;
  }

  @Test
  void duplicatesDeliveriesWithTheSameTraceId() throws Exception {
    terra
        .admin()
        .setFaults(Faults.ofWebhooks(new Faults.WebhookFaults(1.0, false, Duration.ZERO, 0)));
    WebhookDelivery delivery = terra.admin().connectionError(userId).orElseThrow();
    List<WebhookReceiver.Received> both = receiver.next(2);
    assertThat(both).extracting(r -> r.header("X-Terra-Trace-Id")).containsOnly(delivery.traceId());
    assertThat(both).extracting(WebhookReceiver.Received::text).containsOnly(delivery.body());
    Await.until("both copies recorded", Duration.ofSeconds(5), () -> attempts(delivery) >= 2);
    assertThat(attempts(delivery)).isEqualTo(2);
    assertThat(receiver.drain()).as("an injected duplicate is not duplicated again").isEmpty();
  }

  private static int attempts(WebhookDelivery delivery) {
    return terra.admin().deliveries().stream()
        .filter(d -> d.traceId().equals(delivery.traceId()))
        .findFirst()
        .orElseThrow()
        .attempts();
  }

  @Test
  void deliversOutOfOrder() throws Exception {
    terra.admin().setFaults(Faults.ofWebhooks(new Faults.WebhookFaults(0, true, Duration.ZERO, 0)));
    WebhookDelivery earlier = terra.admin().connectionError(userId).orElseThrow();
    WebhookDelivery later = terra.admin().revokeAccess(userId).orElseThrow();
    List<WebhookReceiver.Received> arrived = receiver.next(2);
    assertThat(arrived)
        .extracting(r -> r.header("X-Terra-Trace-Id"))
        .containsExactly(later.traceId(), earlier.traceId());
    assertThat(Long.parseLong(arrived.get(0).header("X-Terra-Ordering-Timestamp")))
        .isGreaterThan(Long.parseLong(arrived.get(1).header("X-Terra-Ordering-Timestamp")));
    WebhookDelivery held = terra.admin().connectionError(userId).orElseThrow();
    terra.admin().flushDeliveries();
    assertThat(receiver.next().header("X-Terra-Trace-Id")).isEqualTo(held.traceId());
  }

  @Test
  void signsWithStaleTimestamps() throws Exception {
    terra
        .admin()
        .setFaults(Faults.ofWebhooks(new Faults.WebhookFaults(0, false, Duration.ofHours(1), 0)));
    long before = terra.admin().now().getEpochSecond();
    terra.admin().connectionError(userId).orElseThrow();
    WebhookReceiver.Received stale = receiver.next();
    long t = timestamp(stale);
    assertThat(t).isEqualTo(before - 3600);
    assertThat(stale.header("X-Terra-Signature"))
        .isEqualTo("t=" + t + ",v1=" + WebhookSigner.sign(SECRET, t, stale.body()));
  }

  @Test
  void signsWithAWrongSecret() throws Exception {
    terra
        .admin()
        .setFaults(Faults.ofWebhooks(new Faults.WebhookFaults(0, false, Duration.ZERO, 1.0)));
    terra.admin().connectionError(userId).orElseThrow();
    WebhookReceiver.Received forged = receiver.next();
    long t = timestamp(forged);
    assertThat(forged.header("X-Terra-Signature"))
        .startsWith("t=" + t + ",v1=")
        .isNotEqualTo("t=" + t + ",v1=" + WebhookSigner.sign(SECRET, t, forged.body()));
  }

  private static long timestamp(WebhookReceiver.Received received) {
    String header = received.header("X-Terra-Signature");
    return Long.parseLong(header.substring(2, header.indexOf(',')));
  }
}
