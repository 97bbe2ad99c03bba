package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.RateLimitedException;
import dev.terraauth.core.error.TerraBadRequestException;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.core.error.TerraServerErrorException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error format Terra uses maps to one typed exception with a safe, useful message. */
class TerraAuthClientErrorsTest {
  private static final TestServer SERVER = new TestServer();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
  private TerraAuthClient client;

  @BeforeEach
  void setUp() {
    SERVER.reset();
    client =
        TerraAuthClient.builder()
            .credentials(SERVER.credentials())
            .retryPolicy(RetryPolicy.NONE)
            .clock(clock)
            .sleeper(clock.sleeper())
            .build();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Test
  void problemJson401IsInvalidCredentialsWithMixedEnvironmentHint() {
    SERVER.enqueue(
        401,
        "application/problem+json",
        "{\"type\":\"about:blank\",\"title\":\"unauthorized\",\"instance\":\"/auth/generateAuthToken\","
            + "\"detail\":\"dev-id or x-api-key headers are missing\"}");

    InvalidCredentialsException error =
        catchThrowableOfType(InvalidCredentialsException.class, () -> client.generateAuthToken());

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.errorCode()).isEmpty();
    assertThat(error.getMessage())
        .startsWith(
            "POST /auth/generateAuthToken (testing) returned 401: dev-id or x-api-key headers are"
                + " missing")
        .contains(
            "the dev-id and x-api-key must be from the same environment; check `terra-auth env check"
                + " --live --env testing`");
  }

  @Test
  void problemTypeOtherThanAboutBlankBecomesErrorCode() {
    SERVER.enqueue(
        400,
        "application/problem+json",
        "{\"type\":\"https://errors.example/bad-provider\",\"title\":\"bad request\",\"instance\":\"/x\"}");

    TerraBadRequestException error =
        catchThrowableOfType(
            TerraBadRequestException.class,
            () -> client.widgetSession(WidgetSessionRequest.builder("r").build()));

    assertThat(error.errorCode()).contains("https://errors.example/bad-provider");
    assertThat(error.getMessage()).contains("returned 400: bad request");
  }

  @Test
  void legacyStatusMessage404IsNotFound() {
    SERVER.enqueue(
        404,
        "application/json",
        "{\"status\":\"error\",\"message\":\"Invalid dev-id was provided\"}");

    assertThatThrownBy(() -> client.deauthenticateUser("u-1"))
        .isInstanceOf(TerraNotFoundException.class)
        .hasMessageStartingWith(
            "DELETE /auth/deauthenticateUser (testing) returned 404: Invalid dev-id was provided")
        .hasMessageContaining("testing environment");
  }

  @Test
  void widgetApi403IsInvalidCredentials() {
    SERVER.enqueue(
        403, "application/json", "{\"message\":\"invalid credentials\",\"status\":\"error\"}");

    assertThatThrownBy(() -> client.userInfo("u-1"))
        .isInstanceOf(InvalidCredentialsException.class)
        .hasMessageContaining("returned 403: invalid credentials");
  }

  @Test
  void html500IsServerErrorNamingThePageNotDumpingIt() {
    SERVER.enqueue(
        500,
        "text/html; charset=utf-8",
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
            + "<body>".repeat(50)
            + "</body></html>");

    TerraServerErrorException error =
        catchThrowableOfType(
            TerraServerErrorException.class,
            () -> client.widgetSession(WidgetSessionRequest.builder("r").build()));

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.getMessage())
        .contains("returned 500 with an HTML page")
        .contains("\"500 Internal Server Error\"")
        .doesNotContain("<body>")
        .doesNotContain("\n");
  }

  @Test
  void emptyBodyIsTypedByStatus() {
    SERVER.enqueue(400, null, "");

    assertThatThrownBy(() -> client.subscriptions())
        .isInstanceOf(TerraBadRequestException.class)
        .hasMessageContaining("GET /subscriptions (testing) returned 400 with an empty body");
  }

  @Test
  void plainTextBodyIsQuotedOnOneLine() {
    SERVER.enqueue(502, "text/plain", "upstream\nconnect error");

    assertThatThrownBy(() -> client.integrations())
        .isInstanceOf(TerraServerErrorException.class)
        .hasMessageContaining("returned 502: \"upstream connect error\"");
  }

  @Test
  void quotedBodiesAreRedactedOfEveryConfiguredSecret() {
    SERVER.enqueue(
        400,
        "application/json",
        "{\"message\":\"bad key "
            + TestServer.API_KEY
            + " and secret "
            + TestServer.SIGNING_SECRET
            + "\"}");
    SERVER.enqueue(500, "text/plain", "echo x-api-key: " + TestServer.API_KEY);

    Throwable json =
        catchThrowableOfType(TerraBadRequestException.class, () -> client.subscriptions());
    Throwable text =
        catchThrowableOfType(TerraServerErrorException.class, () -> client.subscriptions());

    for (Throwable error : new Throwable[] {json, text}) {
      assertThat(error.getMessage())
          .contains("[redacted]")
          .doesNotContain(TestServer.API_KEY)
          .doesNotContain(TestServer.SIGNING_SECRET);
    }
  }

  @Test
  void rateLimitedCarriesRetryAfterSecondsAndHttpDate() {
    SERVER.enqueue(
        new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    SERVER.enqueue(
        new mockwebserver3.MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "Sat, 28 Nov 2026 10:01:30 GMT")
            .build());

    RateLimitedException seconds =
        catchThrowableOfType(RateLimitedException.class, () -> client.integrations());
    RateLimitedException date =
        catchThrowableOfType(RateLimitedException.class, () -> client.integrations());

    assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(seconds.getMessage()).contains("retry in 7 s");
    assertThat(date.retryAfter()).contains(Duration.ofSeconds(90));
  }
}
