package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.terraauth.core.error.RateLimitedException;
import dev.terraauth.core.error.TerraServerErrorException;
import dev.terraauth.core.error.TerraTimeoutException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After, deadlines and timeouts against a real local HTTP server. */
class TerraAuthClientRetryTest {
  private static final TestServer SERVER = new TestServer();
  private static final String WIDGET_OK = "{\"session_id\":\"s\",\"url\":\"https://w.example/s\"}";
  private static final String LINK_OK = "{\"user_id\":\"u\",\"auth_url\":\"https://p.example/a\"}";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));

  @BeforeEach
  void setUp() {
    SERVER.reset();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  private TerraAuthClient.Builder builder() {
    return TerraAuthClient.builder()
        .credentials(SERVER.credentials())
        .clock(clock)
        .sleeper(clock.sleeper())
        .jitter(() -> 0.0);
  }

  private static MockResponse status(int code, String... headers) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code);
    for (int i = 0; i < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  @Test
  void retries503WithExponentialBackoffUpToTheAttemptLimit() {
    RetryPolicy policy =
        new RetryPolicy(4, Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      SERVER.enqueue(status(503));
    }

    assertThatThrownBy(() -> builder().retryPolicy(policy).build().integrations())
        .isInstanceOf(TerraServerErrorException.class);

    assertThat(SERVER.drain()).hasSize(4);
    // jitter 0 waits half the ceiling: 200, 400, min(800, 500) ms
    assertThat(clock.sleeps())
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
  }

  @Test
  void jitterStaysWithinHalfToFullCeiling() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    for (int retry = 1; retry <= 6; retry++) {
      Duration ceiling = policy.backoffCeiling(retry);
      assertThat(policy.backoff(retry, 0.0)).isEqualTo(ceiling.dividedBy(2));
      assertThat(policy.backoff(retry, 0.999)).isLessThanOrEqualTo(ceiling);
      assertThat(ceiling).isLessThanOrEqualTo(policy.maxBackoff());
    }
  }

  @Test
  void retries502And504ThenSucceeds() {
    SERVER.enqueue(status(502));
    SERVER.enqueue(status(504));
    SERVER.enqueueJson("{\"providers\":[\"FITBIT\"],\"sdk_providers\":[]}");

    Integrations integrations = builder().build().integrations();

    assertThat(integrations.providers()).containsExactly("FITBIT");
    assertThat(SERVER.drain()).hasSize(3);
  }

  @Test
  void honoursRetryAfterSeconds() {
    SERVER.enqueue(status(429, "Retry-After", "3"));
    SERVER.enqueueJson(WIDGET_OK);

    builder().build().widgetSession(WidgetSessionRequest.builder("r").build());

    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void honoursRetryAfterHttpDate() {
    SERVER.enqueue(status(429, "Retry-After", "Sat, 28 Nov 2026 10:00:05 GMT"));
    SERVER.enqueueJson(WIDGET_OK);

    builder().build().widgetSession(WidgetSessionRequest.builder("r").build());

    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void retryAfterBeyondTheCapIsNotWaitedFor() {
    SERVER.enqueue(status(429, "Retry-After", "3600"));

    RateLimitedException error =
        catchThrowableOfType(RateLimitedException.class, () -> builder().build().integrations());

    assertThat(error.retryAfter()).contains(Duration.ofHours(1));
    assertThat(clock.sleeps()).isEmpty();
    assertThat(SERVER.drain()).hasSize(1);
  }

  @Test
  void callDeadlineBoundsRetries() {
    RetryPolicy policy =
        new RetryPolicy(10, Duration.ofMillis(800), Duration.ofSeconds(10), Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      SERVER.enqueue(status(503));
    }

    assertThatThrownBy(
            () ->
                builder()
                    .retryPolicy(policy)
                    .callTimeout(Duration.ofSeconds(1))
                    .build()
                    .integrations())
        .isInstanceOf(TerraServerErrorException.class);

    // waits 400 ms (t=0.4 s), then 800 ms would pass the 1 s deadline
    assertThat(SERVER.drain()).hasSize(2);
  }

  @Test
  void authenticateUserIsNotRetriedOnceItReachedTerra() {
    SERVER.enqueue(status(503));
    SERVER.enqueueJson(LINK_OK);

    assertThatThrownBy(
            () -> builder().build().authenticateUser(AuthenticateUserRequest.of("FITBIT", "r")))
        .isInstanceOf(TerraServerErrorException.class);
    assertThat(SERVER.drain()).hasSize(1);
  }

  @Test
  void authenticateUserIsNotRetriedWhenTheConnectionDropsAfterSending() {
    SERVER.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    SERVER.enqueueJson(LINK_OK);

    TerraTransportException error =
        catchThrowableOfType(
            TerraTransportException.class,
            () -> builder().build().authenticateUser(AuthenticateUserRequest.of("FITBIT", "r")));

    assertThat(error.reachedTerra()).isTrue();
    assertThat(error.getMessage()).startsWith("POST /auth/authenticateUser (testing): ");
    assertThat(SERVER.drain()).hasSize(1);
  }

  @Test
  void safeCallsAreRetriedWhenTheConnectionDrops() {
    SERVER.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    SERVER.enqueueJson(WIDGET_OK);

    WidgetSession session =
        builder().build().widgetSession(WidgetSessionRequest.builder("r").build());

    assertThat(session.sessionId()).isEqualTo("s");
  }

  @Test
  void connectFailuresAreRetriedEvenForUnsafeCalls() throws IOException {
    int closedPort = Ports.unused();
    TerraAuthClient client =
        builder()
            .credentials(
                SERVER
                    .credentials()
                    .withApiBaseUrl(URI.create("http://127.0.0.1:" + closedPort + "/api/v2")))
            .build();

    TerraTransportException error =
        catchThrowableOfType(
            TerraTransportException.class,
            () -> client.authenticateUser(AuthenticateUserRequest.of("FITBIT", "r")));

    assertThat(error.reachedTerra()).isFalse();
    assertThat(error.getMessage())
        .contains("could not connect to http://127.0.0.1:" + closedPort)
        .contains("check the network");
    assertThat(clock.sleeps()).hasSize(RetryPolicy.DEFAULT.maxAttempts() - 1);
  }

  @Test
  void slowHeadersTimeOut() {
    SERVER.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());

    TerraTimeoutException error =
        catchThrowableOfType(
            TerraTimeoutException.class,
            () ->
                builder()
                    .retryPolicy(RetryPolicy.NONE)
                    .requestTimeout(Duration.ofMillis(300))
                    .build()
                    .integrations());

    assertThat(error.getMessage()).contains("GET /integrations (testing): no answer within 300 ms");
  }

  @Test
  void slowBodyTimesOutToo() {
    SERVER.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{\"providers\":[]}")
            .throttleBody(1, 1, TimeUnit.SECONDS)
            .build());

    assertThatThrownBy(
            () ->
                builder()
                    .retryPolicy(RetryPolicy.NONE)
                    .requestTimeout(Duration.ofMillis(300))
                    .build()
                    .integrations())
        .isInstanceOf(TerraTimeoutException.class);
  }

  @Test
  void timeoutsOfSafeCallsAreRetried() {
    SERVER.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());
    SERVER.enqueueJson("{\"providers\":[\"OURA\"]}");

    Integrations integrations =
        builder().requestTimeout(Duration.ofMillis(300)).build().integrations();

    assertThat(integrations.providers()).containsExactly("OURA");
  }
}
