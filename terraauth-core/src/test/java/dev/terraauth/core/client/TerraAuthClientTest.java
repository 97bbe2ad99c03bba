package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.error.UnexpectedResponseException;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.user.TerraUser;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TerraAuthClientTest {
  private static final TestServer SERVER = new TestServer();
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final String USER =
      "{\"user_id\":\"u-1\",\"provider\":\"GARMIN\",\"created_at\":null,"
          + "\"last_webhook_update\":\"2026-07-01T09:12:33.891000+00:00\","
          + "\"scopes\":\"ACTIVITY_EXPORT\",\"reference_id\":\"app-user-42\",\"active\":true}";

  private final ManualClock clock = new ManualClock(NOW);
  private TerraAuthClient client;

  @BeforeEach
  void setUp() {
    SERVER.reset();
    client =
        TerraAuthClient.builder()
            .credentials(SERVER.credentials())
            .clock(clock)
            .sleeper(clock.sleeper())
            .build();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Test
  void buildFailsWithoutCredentials() {
    assertThatThrownBy(() -> TerraAuthClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("credentials");
  }

  @Test
  void widgetSessionPostsSpecBodyWithLowercaseHeadersAndReturnsAbsoluteExpiry() throws Exception {
    SERVER.enqueueJson(
        "{\"session_id\":\"s-1\",\"url\":\"https://widget.tryterra.co/session/s-1\","
            + "\"status\":\"success\",\"expires_in\":600}");

    WidgetSession session =
        client.widgetSession(
            WidgetSessionRequest.builder("app-user-42")
                .providers("GARMIN", "FITBIT")
                .language("en")
                .successRedirect(URI.create("https://app.example/ok"))
                .build());

    assertThat(session.sessionId()).isEqualTo("s-1");
    assertThat(session.url()).isEqualTo(URI.create("https://widget.tryterra.co/session/s-1"));
    assertThat(session.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    RecordedRequest request = SERVER.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v2/auth/generateWidgetSession");
    assertThat(request.getHeaders().names()).contains("dev-id", "x-api-key");
    assertThat(request.getHeaders().get("dev-id")).isEqualTo(TestServer.DEV_ID);
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(TestServer.API_KEY);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode body = Json.mapper().readTree(request.getBody().utf8());
    assertThat(body.get("providers").asText()).isEqualTo("GARMIN,FITBIT");
    assertThat(body.get("reference_id").asText()).isEqualTo("app-user-42");
    assertThat(body.get("language").asText()).isEqualTo("en");
    assertThat(body.get("auth_success_redirect_url").asText()).isEqualTo("https://app.example/ok");
    assertThat(body.has("auth_failure_redirect_url")).isFalse();
  }

  @Test
  void widgetSessionDefaultsTo900SecondsWhenExpiresInIsMissing() {
    SERVER.enqueueJson("{\"session_id\":\"s-2\",\"url\":\"https://w.example/s-2\"}");

    WidgetSession session = client.widgetSession(WidgetSessionRequest.builder("r").build());

    assertThat(session.expiresAt()).isEqualTo(NOW.plusSeconds(900));
  }

  @Test
  void newWidgetEndpointIsUsedWhenConfigured() {
    TerraAuthClient newEndpoint =
        TerraAuthClient.builder()
            .credentials(SERVER.credentials())
            .widgetEndpoint(WidgetEndpoint.NEW)
            .widgetSessionUrl(SERVER.apiBase().resolve("/widget/api/session"))
            .build();
    SERVER.enqueueJson("{\"session_id\":\"s-3\",\"url\":\"https://w.example/s-3\"}");

    newEndpoint.widgetSession(WidgetSessionRequest.builder("r").build());

    assertThat(SERVER.take().getTarget()).isEqualTo("/widget/api/session");
  }

  @Test
  void authenticateUserSendsResourceInQueryAndTheRestInBody() throws Exception {
    SERVER.enqueueJson(
        "{\"status\":\"success\",\"user_id\":\"u-9\",\"auth_url\":\"https://fitbit.example/a?x=1\"}");

    AuthLink link =
        client.authenticateUser(
            new AuthenticateUserRequest(
                "FITBIT", "app-user-42", "en", URI.create("https://app.example/ok"), null));

    assertThat(link).isEqualTo(new AuthLink("u-9", URI.create("https://fitbit.example/a?x=1")));
    RecordedRequest request = SERVER.take();
    assertThat(request.getTarget()).isEqualTo("/api/v2/auth/authenticateUser?resource=FITBIT");
    JsonNode body = Json.mapper().readTree(request.getBody().utf8());
    assertThat(body.get("reference_id").asText()).isEqualTo("app-user-42");
    assertThat(body.has("resource")).isFalse();
  }

  @Test
  void generateAuthTokenReturnsSecretTokenAndExpiry() {
    SERVER.enqueueJson(
        "{\"status\":\"success\",\"token\":\"250c68b9c21b78e40e7a3285a2d538d3\",\"expires_in\":180}");

    MobileToken token = client.generateAuthToken();

    assertThat(token.token().reveal()).isEqualTo("250c68b9c21b78e40e7a3285a2d538d3");
    assertThat(token.toString()).doesNotContain("250c68b9c21b78e40e7a3285a2d538d3");
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(180));
    RecordedRequest request = SERVER.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void deauthenticateUserSendsDeleteWithUserIdQuery() {
    SERVER.enqueueJson("{\"status\":\"success\"}");

    client.deauthenticateUser("u 1/x");

    RecordedRequest request = SERVER.take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/v2/auth/deauthenticateUser?user_id=u%201%2Fx");
  }

  @Test
  void userInfoByIdReadsObjectWithPollingMetadata() {
    SERVER.enqueueJson(
        "{\"user\":{\"user_id\":\"u-1\",\"provider\":\"OURA\",\"last_polled_at\":\"2026-07-02T11:00:00Z\"},"
            + "\"status\":\"success\",\"is_authenticated\":true}");

    UserInfo info = client.userInfo("u-1");

    assertThat(info.user().userId()).isEqualTo("u-1");
    assertThat(info.authenticated()).isTrue();
    assertThat(info.lastPolledAt()).isEqualTo("2026-07-02T11:00:00Z");
    assertThat(SERVER.take().getTarget()).isEqualTo("/api/v2/userInfo?user_id=u-1");
  }

  @Test
  void usersByReferenceIdAcceptsBareArrayAndUsersObject() {
    SERVER.enqueueJson("[" + USER + "]");
    SERVER.enqueueJson("{\"users\":[" + USER + "," + USER + "]}");

    assertThat(client.usersByReferenceId("app-user-42"))
        .singleElement()
        .satisfies(user -> assertThat(user.referenceId()).isEqualTo("app-user-42"));
    assertThat(client.usersByReferenceId("app-user-42")).hasSize(2);
    assertThat(SERVER.take().getTarget()).isEqualTo("/api/v2/userInfo?reference_id=app-user-42");
  }

  @Test
  void bulkUserInfoPostsArrayOfIds() throws Exception {
    SERVER.enqueueJson("[" + USER + "]");

    List<TerraUser> users = client.bulkUserInfo(List.of("u-1", "u-2"));

    assertThat(users).extracting(TerraUser::provider).containsExactly("GARMIN");
    RecordedRequest request = SERVER.take();
    assertThat(Json.mapper().readTree(request.getBody().utf8()).toString())
        .isEqualTo("[\"u-1\",\"u-2\"]");
  }

  @Test
  void userWithBlankUserIdIsUnexpectedResponseNotARawParsingError() {
    SERVER.enqueueJson("[{\"user_id\":\"  \",\"provider\":\"GARMIN\"}]");
    SERVER.enqueueJson("{\"user\":{\"user_id\":\"\",\"provider\":\"OURA\"}}");
    SERVER.enqueueJson("{\"users\":[{\"user_id\":\"u-1\",\"provider\":null}]}");

    assertThatThrownBy(() -> client.bulkUserInfo(List.of("u-1")))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("POST /bulkUserInfo")
        .hasMessageContaining("a user without user_id or provider");
    assertThatThrownBy(() -> client.userInfo("u-1"))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("a user without user_id or provider");
    assertThatThrownBy(() -> client.subscriptions())
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("a user without user_id or provider");
  }

  @Test
  void userWithNonTextualUserIdIsUnexpectedResponseNamingThePath() {
    SERVER.enqueueJson("[" + USER + ",{\"user_id\":{\"x\":1},\"provider\":\"GARMIN\"}]");

    assertThatThrownBy(() -> client.bulkUserInfo(List.of("u-1")))
        .isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("POST /bulkUserInfo")
        .hasMessageContaining("$.user_id");
  }

  @Test
  void clientUsersCarryTheSharedUserHelpers() {
    SERVER.enqueueJson("[" + USER + "]");

    TerraUser user = client.bulkUserInfo(List.of("u-1")).get(0);

    assertThat(user.scopeSet()).containsExactly("ACTIVITY_EXPORT");
    assertThat(user.withReferenceId("other").referenceId()).isEqualTo("other");
  }

  @Test
  void subscriptionsUnpagedAndPaged() {
    SERVER.enqueueJson("{\"users\":[" + USER + "]}");
    SERVER.enqueueJson("{\"data\":{\"next\":2,\"max_page\":3,\"results\":[" + USER + "]}}");
    SERVER.enqueueJson("{\"data\":{\"next\":null,\"max_page\":3,\"results\":[]}}");

    assertThat(client.subscriptions()).hasSize(1);
    UserPage page = client.subscriptions(1, 50);
    UserPage last = client.subscriptions(3, null);

    assertThat(page.nextPage()).isEqualTo(2);
    assertThat(page.maxPage()).isEqualTo(3);
    assertThat(page.users()).hasSize(1);
    assertThat(last.hasNext()).isFalse();
    assertThat(SERVER.drain())
        .extracting(RecordedRequest::getTarget)
        .containsExactly(
            "/api/v2/subscriptions",
            "/api/v2/subscriptions?page=1&per_page=50",
            "/api/v2/subscriptions?page=3");
  }

  @Test
  void publicIntegrationEndpointsSendDevIdButNoKey() {
    SERVER.enqueueJson(
        "{\"providers\":[\"FITBIT\"],\"sdk_providers\":[\"APPLE\"],\"status\":\"success\"}");
    SERVER.enqueueJson(
        "{\"status\":\"success\",\"providers\":[{\"provider\":\"OURA\",\"name\":\"Oura\","
            + "\"enabled\":true,\"types\":{\"sleep\":true}}]}");

    Integrations integrations = client.integrations();
    List<Integration> detailed = client.detailedIntegrations(true);

    assertThat(integrations.providers()).containsExactly("FITBIT");
    assertThat(integrations.sdkProviders()).containsExactly("APPLE");
    assertThat(detailed)
        .singleElement()
        .satisfies(i -> assertThat(i.types()).containsEntry("sleep", true));
    List<RecordedRequest> requests = SERVER.drain();
    assertThat(requests)
        .extracting(RecordedRequest::getTarget)
        .containsExactly("/api/v2/integrations", "/api/v2/integrations/detailed?sdk=true");
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.getHeaders().get("dev-id")).isEqualTo(TestServer.DEV_ID);
              assertThat(r.getHeaders().get("x-api-key")).isNull();
            });
  }

  @Test
  void successWithBodyOffContractIsUnexpectedResponseWithoutQuotingIt() {
    SERVER.enqueueJson("{\"status\":\"success\",\"token_x\":\"secret-looking-value\"}");

    assertThatThrownBy(() -> client.generateAuthToken())
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("POST /auth/generateAuthToken (testing) returned 200")
        .hasMessageNotContaining("secret-looking-value");
  }
}
