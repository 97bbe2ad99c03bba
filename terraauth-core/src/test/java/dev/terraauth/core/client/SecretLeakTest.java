package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.error.TerraAuthException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every operation through successes, errors that echo the key, retries and the 410 fallback,
 * and checks the API key appears nowhere but in the {@code x-api-key} header: not in request lines,
 * URLs, bodies, other headers, exception messages or any log line.
 */
class SecretLeakTest {
  private static final TestServer SERVER = new TestServer();

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Test
  void apiKeyTravelsOnlyInTheApiKeyHeader() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
    TerraAuthClient client =
        TerraAuthClient.builder()
            .credentials(SERVER.credentials())
            .clock(clock)
            .sleeper(clock.sleeper())
            .requestTimeout(Duration.ofSeconds(2))
            .build();
    String echo = "{\"message\":\"key " + TestServer.API_KEY + " rejected\"}";
    List<String> texts = new ArrayList<>();

    try (LogCapture logs = new LogCapture()) {
      SERVER.enqueue(401, "application/json", echo);
      SERVER.enqueue(503, "text/html", "<html><title>" + TestServer.API_KEY + "</title></html>");
      SERVER.enqueue(410, "application/json", echo);
      SERVER.enqueueJson("{\"session_id\":\"s\",\"url\":\"https://w.example/s\"}");
      SERVER.enqueue(
          new MockResponse.Builder()
              .code(429)
              .headers(Headers.of("Retry-After", "1"))
              .body(echo)
              .build());
      SERVER.enqueue(404, "application/problem+json", echo);
      SERVER.enqueue(500, "text/plain", TestServer.API_KEY);
      SERVER.enqueueJson("{\"token\":\"t0ken\",\"expires_in\":180}");
      SERVER.enqueueJson("[]");
      SERVER.enqueueJson("{\"users\":[]}");
      SERVER.enqueueJson("{\"providers\":[]}");

      run(texts, () -> client.userInfo("u-1"));
      run(texts, () -> client.widgetSession(WidgetSessionRequest.builder("r").build()));
      run(
          texts,
          () ->
              client.authenticateUser(
                  new AuthenticateUserRequest(
                      "FITBIT", "r", "en", URI.create("https://app.example/ok"), null)));
      run(texts, () -> client.deauthenticateUser("u-1"));
      run(texts, () -> client.bulkUserInfo(List.of("u-1")));
      run(texts, client::generateAuthToken);
      run(texts, () -> client.usersByReferenceId("r"));
      run(texts, client::subscriptions);
      run(texts, client::integrations);
      texts.add(client.toString());
      texts.addAll(logs.everything());
      assertThat(logs.events()).isNotEmpty();
    }

    List<RecordedRequest> requests = SERVER.drain();
    assertThat(requests).hasSize(11);
    for (RecordedRequest request : requests) {
      texts.add(request.getRequestLine());
      texts.add(request.getUrl().toString());
      texts.add(request.getBody() == null ? "" : request.getBody().utf8());
      Headers headers = request.getHeaders();
      for (String name : headers.names()) {
        if (!name.equals("x-api-key")) {
          texts.add(name + ": " + String.join(",", headers.values(name)));
        }
      }
    }
    assertThat(texts).noneMatch(text -> text.contains(TestServer.API_KEY));
    assertThat(texts).noneMatch(text -> text.contains(TestServer.SIGNING_SECRET));
    assertThat(texts).anyMatch(text -> text.contains("[redacted]"));
  }

  private static void run(List<String> texts, Runnable call) {
    try {
      call.run();
    } catch (TerraAuthException e) {
      texts.add(e.getMessage());
      texts.add(e.toString());
    }
  }
}
