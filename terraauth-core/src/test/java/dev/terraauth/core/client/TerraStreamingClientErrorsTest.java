package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.TerraBadRequestException;
import dev.terraauth.core.error.TerraServerErrorException;
import dev.terraauth.core.error.UnexpectedResponseException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The streaming client's wire format and error mapping against a scripted server. */
class TerraStreamingClientErrorsTest {
  private static final String DEV_ID = "acme-testing-0000";
  private static final String API_KEY = "fake-api-key-testing-0000-5e1d";

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TerraStreamingClient client(StreamingAuthentication authentication) {
    TerraCredentials credentials =
        new TerraCredentials(
            Environment.TESTING,
            DEV_ID,
            Secret.of(API_KEY),
            List.of(),
            URI.create("https://access.tryterra.co/api/v2"),
            TerraCredentials.DEFAULT_WIDGET_SESSION_URL,
            URI.create(server.url("/").toString()));
    return TerraStreamingClient.builder()
        .credentials(credentials)
        .authentication(authentication)
        .retryPolicy(RetryPolicy.NONE)
        .build();
  }

  private void answer(int status, String contentType, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(status)
            .headers(Headers.of("Content-Type", contentType))
            .body(body)
            .build());
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    return request;
  }

  @Test
  void sendsTheHeaderPairAndTheUrlEncodedId() throws Exception {
    answer(200, "application/json", "{\"token\":\"abc.def\"}");
    Secret token = client(StreamingAuthentication.HEADERS).producerToken("user 1/ä");
    assertThat(token.reveal()).isEqualTo("abc.def");
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/auth/user?id=user+1%2F%C3%A4");
    assertThat(request.getHeaders().get("dev-id")).isEqualTo(DEV_ID);
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(API_KEY);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void basicAuthenticationSendsOnlyTheAuthorizationHeader() throws Exception {
    answer(200, "application/json", "{\"token\":\"abc.def\"}");
    client(StreamingAuthentication.BASIC).consumerToken();
    RecordedRequest request = taken();
    assertThat(request.getTarget()).isEqualTo("/auth/developer");
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((DEV_ID + ":" + API_KEY).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeaders().get("x-api-key")).isNull();
    assertThat(request.getHeaders().get("dev-id")).isNull();
  }

  @Test
  void aBadRequestIsTyped() {
    answer(400, "text/plain", "Missing id parameter");
    assertThatThrownBy(() -> client(StreamingAuthentication.HEADERS).producerToken("u"))
        .isInstanceOf(TerraBadRequestException.class)
        .hasMessageContaining("POST /auth/user (testing) returned 400")
        .hasMessageContaining("Missing id parameter");
  }

  @Test
  void aFailedGenerationIsAServerErrorAndAnEchoedKeyIsRedacted() {
    answer(500, "application/json", "{\"message\":\"failed for key " + API_KEY + "\"}");
    assertThatThrownBy(() -> client(StreamingAuthentication.HEADERS).consumerToken())
        .isInstanceOf(TerraServerErrorException.class)
        .hasMessageContaining("returned 500")
        .hasMessageNotContaining(API_KEY);
  }

  @Test
  void aSuccessWithoutATokenNeverQuotesTheBody() {
    answer(200, "application/json", "{\"tok\":\"secret-looking-value-0000\"}");
    assertThatThrownBy(() -> client(StreamingAuthentication.HEADERS).consumerToken())
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("without a token string")
        .hasMessageNotContaining("secret-looking-value-0000");
  }

  @Test
  void refusesABlankOrOversizedUserIdBeforeCalling() {
    TerraStreamingClient client = client(StreamingAuthentication.HEADERS);
    assertThatThrownBy(() -> client.producerToken(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.producerToken("x".repeat(300)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
