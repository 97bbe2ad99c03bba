package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraBadRequestException;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.user.TerraUser;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests against Terra's official spec: every request the client sends is checked against
 * its operation (path, method, declared query and header parameters, security, JSON body schema and
 * no undeclared body fields), and every example response of the spec parses into the records.
 */
class SpecContractTest {
  private static final TestServer SERVER = new TestServer();
  private static final OpenApiSpec SPEC = new OpenApiSpec();
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

  private final ManualClock clock = new ManualClock(NOW);
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

  // ---- requests -------------------------------------------------------------------------------

  @Test
  void widgetSessionRequestsMatchTheSpec() {
    SERVER.enqueueJson(example("post", "/auth/generateWidgetSession", 0));
    client.widgetSession(fullWidgetRequest());
    assertRequestMatchesSpec(SERVER.take(), "/auth/generateWidgetSession");

    SERVER.enqueueJson(example("post", "/auth/generateWidgetSession", 0));
    client.widgetSession(WidgetSessionRequest.builder("minimal").build());
    assertRequestMatchesSpec(SERVER.take(), "/auth/generateWidgetSession");
  }

  @Test
  void newWidgetEndpointSendsTheSameSpecBody() {
    TerraAuthClient newEndpoint =
        TerraAuthClient.builder()
            .credentials(SERVER.credentials())
            .widgetEndpoint(WidgetEndpoint.NEW)
            .build();
    SERVER.enqueueJson(example("post", "/auth/generateWidgetSession", 0));

    newEndpoint.widgetSession(fullWidgetRequest());

    RecordedRequest request = SERVER.take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/widget/session");
    assertAuthenticated(request);
    assertJsonBody(
        request, OpenApiSpec.pointer("components", "schemas", "WidgetSessionParams"), true);
  }

  @Test
  void authenticateUserRequestsMatchTheSpec() {
    SERVER.enqueueJson(example("post", "/auth/authenticateUser", 0));
    client.authenticateUser(
        new AuthenticateUserRequest(
            "FITBIT",
            "app-user-42",
            "en",
            URI.create("https://app.example/ok"),
            URI.create("https://app.example/failed")));
    assertRequestMatchesSpec(SERVER.take(), "/auth/authenticateUser");

    SERVER.enqueueJson(example("post", "/auth/authenticateUser", 0));
    client.authenticateUser(AuthenticateUserRequest.of("OURA", null));
    assertRequestMatchesSpec(SERVER.take(), "/auth/authenticateUser");
  }

  @Test
  void otherRequestsMatchTheSpec() {
    check("/auth/generateAuthToken", c -> c.generateAuthToken());
    check("/auth/deauthenticateUser", c -> c.deauthenticateUser("u-1"));
    check("/userInfo", c -> c.userInfo("u-1"));
    check("/userInfo", 1, c -> c.usersByReferenceId("app-user-42"));
    check("/bulkUserInfo", c -> c.bulkUserInfo(List.of("u-1", "u-2")));
    check("/subscriptions", c -> c.subscriptions());
    check("/subscriptions", 1, c -> c.subscriptions(2, 100));
    check("/integrations", c -> c.integrations());
    check("/integrations/detailed", c -> c.detailedIntegrations(true));
    check("/integrations/detailed", c -> c.detailedIntegrations(false));
  }

  private void check(String path, Consumer<TerraAuthClient> call) {
    check(path, 0, call);
  }

  private void check(String path, int variant, Consumer<TerraAuthClient> call) {
    String method = path.equals("/auth/deauthenticateUser") ? "delete" : methodOf(path);
    SERVER.enqueueJson(example(method, path, variant));
    call.accept(client);
    assertRequestMatchesSpec(SERVER.take(), path);
  }

  private static String methodOf(String path) {
    return Set.of("/auth/generateAuthToken", "/bulkUserInfo").contains(path) ? "post" : "get";
  }

  private void assertRequestMatchesSpec(RecordedRequest request, String path) {
    HttpUrl url = request.getUrl();
    assertThat(url.encodedPath()).isEqualTo("/api/v2" + path);
    String method = request.getMethod().toLowerCase();
    JsonNode operation = SPEC.operation(method, path);
    String base = OpenApiSpec.pointer("paths", path, method);

    Set<String> declaredQuery = new HashSet<>();
    JsonNode parameters = operation.path("parameters");
    for (int i = 0; i < parameters.size(); i++) {
      JsonNode parameter = SPEC.resolve(parameters.get(i));
      String name = parameter.get("name").asText();
      boolean required = parameter.path("required").asBoolean(false);
      String in = parameter.get("in").asText();
      if (in.equals("query")) {
        declaredQuery.add(name);
        String value = url.queryParameter(name);
        if (required) {
          assertThat(value).as("required query parameter %s", name).isNotNull();
        }
        if (value != null) {
          String schema = base + "/parameters/" + i + "/schema";
          assertThat(SPEC.validate(schema, queryValue(parameter, value)))
              .as("query parameter %s=%s", name, value)
              .isEmpty();
        }
      } else if (in.equals("header") && required) {
        assertThat(request.getHeaders().get(name)).as("required header %s", name).isNotBlank();
      }
    }
    assertThat(declaredQuery)
        .as("undeclared query parameters")
        .containsAll(url.queryParameterNames());

    JsonNode security = operation.get("security");
    if (security != null && security.isArray() && security.isEmpty()) {
      assertThat(request.getHeaders().get("x-api-key")).as("public endpoint gets no key").isNull();
      assertThat(request.getHeaders().get("dev-id")).isEqualTo(TestServer.DEV_ID);
    } else {
      assertAuthenticated(request);
    }

    JsonNode requestBody = operation.get("requestBody");
    if (requestBody == null) {
      assertThat(request.getBodySize()).as("no body declared").isZero();
    } else {
      assertJsonBody(
          request,
          base + "/requestBody/content/application~1json/schema",
          requestBody.path("required").asBoolean(false));
    }
  }

  private static void assertAuthenticated(RecordedRequest request) {
    assertThat(request.getHeaders().get("dev-id")).isEqualTo(TestServer.DEV_ID);
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(TestServer.API_KEY);
    assertThat(request.getHeaders().names()).contains("dev-id", "x-api-key");
  }

  private static void assertJsonBody(
      RecordedRequest request, String schemaPointer, boolean required) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (body.isEmpty()) {
      assertThat(required).as("required body missing").isFalse();
      return;
    }
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(SPEC.validate(schemaPointer, body)).as("body %s", body).isEmpty();
    JsonNode schema = SPEC.resolve(SPEC.root().at(schemaPointer));
    JsonNode json = read(body);
    if (json.isObject()) {
      json.fieldNames()
          .forEachRemaining(
              field ->
                  assertThat(schema.path("properties").has(field))
                      .as("body field %s is declared by the spec", field)
                      .isTrue());
    }
  }

  private static String queryValue(JsonNode parameter, String value) {
    String type = SPEC.resolve(parameter.path("schema")).path("type").asText("string");
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (type) {
      case "integer", "number" ->
          value.matches("-?\\d+(\\.\\d+)?") ? value : nodes.textNode(value).toString();
      case "boolean" ->
          value.equals("true") || value.equals("false") ? value : nodes.textNode(value).toString();
      default -> nodes.textNode(value).toString();
    };
  }

  @Test
  void validatorIsNotVacuous() {
    String widgetParams = OpenApiSpec.pointer("components", "schemas", "WidgetSessionParams");
    assertThat(SPEC.validate(widgetParams, "{\"providers\":[\"GARMIN\"]}")).isNotEmpty();
    String bulkBody =
        OpenApiSpec.pointer(
            "paths",
            "/bulkUserInfo",
            "post",
            "requestBody",
            "content",
            "application/json",
            "schema");
    assertThat(SPEC.validate(bulkBody, "{\"user_ids\":[\"u\"]}")).isNotEmpty();
    String bulkResponse =
        OpenApiSpec.pointer(
            "paths",
            "/bulkUserInfo",
            "post",
            "responses",
            "200",
            "content",
            "application/json",
            "schema");
    assertThat(SPEC.validate(bulkResponse, "[{\"provider\":\"GARMIN\"}]"))
        .as("$ref to TerraUser is followed: user_id is required")
        .isNotEmpty();
  }

  // ---- responses ------------------------------------------------------------------------------

  @Test
  void specExampleResponsesParseIntoTheRecords() {
    JsonNode widget = exampleNode("post", "/auth/generateWidgetSession", 0);
    SERVER.enqueueJson(widget.toString());
    WidgetSession session = client.widgetSession(WidgetSessionRequest.builder("r").build());
    assertThat(session.sessionId()).isEqualTo(widget.get("session_id").asText());
    assertThat(session.url()).hasToString(widget.get("url").asText());
    assertThat(session.expiresAt()).isEqualTo(NOW.plusSeconds(widget.get("expires_in").asLong()));

    JsonNode link = exampleNode("post", "/auth/authenticateUser", 0);
    SERVER.enqueueJson(link.toString());
    AuthLink authLink = client.authenticateUser(AuthenticateUserRequest.of("FITBIT", "r"));
    assertThat(authLink.userId()).isEqualTo(link.get("user_id").asText());
    assertThat(authLink.authUrl()).hasToString(link.get("auth_url").asText());

    JsonNode token = exampleNode("post", "/auth/generateAuthToken", 0);
    SERVER.enqueueJson(token.toString());
    MobileToken mobileToken = client.generateAuthToken();
    assertThat(mobileToken.token().reveal()).isEqualTo(token.get("token").asText());
    assertThat(mobileToken.expiresAt())
        .isEqualTo(NOW.plusSeconds(token.get("expires_in").asLong()));

    SERVER.enqueueJson(example("delete", "/auth/deauthenticateUser", 0));
    client.deauthenticateUser("u-1");

    JsonNode info = exampleNode("get", "/userInfo", 0);
    SERVER.enqueueJson(info.toString());
    UserInfo userInfo = client.userInfo("u-1");
    assertThat(userInfo.user().userId()).isEqualTo(info.at("/user/user_id").asText());
    assertThat(userInfo.user().provider()).isEqualTo(info.at("/user/provider").asText());
    assertThat(userInfo.lastPolledAt()).isEqualTo(info.at("/user/last_polled_at").asText());
    assertThat(userInfo.authenticated()).isEqualTo(info.get("is_authenticated").asBoolean());

    JsonNode byReference = exampleNode("get", "/userInfo", 1);
    SERVER.enqueueJson(byReference.toString());
    assertThat(client.usersByReferenceId("r"))
        .singleElement()
        .satisfies(user -> assertUser(user, byReference.get(0)));

    JsonNode unpaged = exampleNode("get", "/subscriptions", 0);
    SERVER.enqueueJson(unpaged.toString());
    assertThat(client.subscriptions())
        .singleElement()
        .satisfies(user -> assertUser(user, unpaged.at("/users/0")));

    JsonNode paged = exampleNode("get", "/subscriptions", 1);
    SERVER.enqueueJson(paged.toString());
    UserPage page = client.subscriptions(0, null);
    assertThat(page.maxPage()).isEqualTo(paged.at("/data/max_page").asInt());
    assertThat(page.users())
        .singleElement()
        .satisfies(u -> assertUser(u, paged.at("/data/results/0")));

    JsonNode bulk = exampleNode("post", "/bulkUserInfo", 0);
    SERVER.enqueueJson(bulk.toString());
    assertThat(client.bulkUserInfo(List.of("u")))
        .singleElement()
        .satisfies(u -> assertUser(u, bulk.get(0)));

    JsonNode integrations = exampleNode("get", "/integrations", 0);
    SERVER.enqueueJson(integrations.toString());
    Integrations parsed = client.integrations();
    assertThat(parsed.providers()).containsExactly(integrations.at("/providers/0").asText());
    assertThat(parsed.sdkProviders()).containsExactly(integrations.at("/sdk_providers/0").asText());

    JsonNode detailed = exampleNode("get", "/integrations/detailed", 0);
    SERVER.enqueueJson(detailed.toString());
    assertThat(client.detailedIntegrations(false))
        .singleElement()
        .satisfies(
            integration -> {
              assertThat(integration.provider())
                  .isEqualTo(detailed.at("/providers/0/provider").asText());
              assertThat(integration.name()).isEqualTo(detailed.at("/providers/0/name").asText());
              assertThat(integration.enabled()).isTrue();
              assertThat(integration.types())
                  .containsEntry("activity", true)
                  .containsEntry("body", false);
            });
  }

  private static void assertUser(TerraUser user, JsonNode expected) {
    assertThat(user.userId()).isEqualTo(expected.get("user_id").asText());
    assertThat(user.provider()).isEqualTo(expected.get("provider").asText());
    assertThat(user.referenceId()).isEqualTo(expected.get("reference_id").asText());
    assertThat(user.scopes()).isEqualTo(expected.get("scopes").asText());
    assertThat(user.createdAt()).isEqualTo(expected.get("created_at").asText());
    assertThat(user.active()).isEqualTo(expected.get("active").asBoolean());
  }

  @Test
  void specErrorExamplesMapToTypedExceptions() {
    assertErrorExample("BadRequest", 400, TerraBadRequestException.class);
    assertErrorExample("Unauthorized", 401, InvalidCredentialsException.class);
    assertErrorExample("NotFound", 404, TerraNotFoundException.class);
  }

  private void assertErrorExample(
      String name, int status, Class<? extends TerraApiException> type) {
    JsonNode response = SPEC.root().path("components").path("responses").path(name);
    JsonNode example = response.path("content").path("application/problem+json").path("example");
    assertThat(example.isObject()).as("spec example for %s", name).isTrue();
    SERVER.enqueue(status, "application/problem+json", example.toString());

    TerraApiException error = catchThrowableOfType(type, () -> client.userInfo("u-1"));

    assertThat(error.status()).isEqualTo(status);
    assertThat(error.getMessage()).contains(example.get("detail").asText());
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static WidgetSessionRequest fullWidgetRequest() {
    return WidgetSessionRequest.builder("app-user-42")
        .providers("GARMIN", "FITBIT", "OURA")
        .language("en")
        .successRedirect(URI.create("https://app.example/ok"))
        .failureRedirect(URI.create("https://app.example/failed"))
        .build();
  }

  /** The spec example of an operation's 200 response, validated against its own schema. */
  private static JsonNode exampleNode(String method, String path, int variant) {
    JsonNode media =
        SPEC.operation(method, path)
            .path("responses")
            .path("200")
            .path("content")
            .path("application/json");
    JsonNode example = SPEC.example(media, variant);
    String schema =
        OpenApiSpec.pointer(
            "paths", path, method, "responses", "200", "content", "application/json", "schema");
    if (SPEC.root().at(schema).has("oneOf")) {
      // validated against the chosen alternative: the spec's /subscriptions oneOf is ambiguous
      // (neither alternative requires a property, so every object matches both)
      schema = schema + "/oneOf/" + variant;
    }
    assertThat(SPEC.validate(schema, example.toString()))
        .as("example of %s %s", method, path)
        .isEmpty();
    return example;
  }

  private static String example(String method, String path, int variant) {
    return exampleNode(method, path, variant).toString();
  }

  private static JsonNode read(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
