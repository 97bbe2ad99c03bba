package dev.terraauth.emulator;

import static dev.terraauth.emulator.SpecSchemas.assertValid;
import static dev.terraauth.emulator.SpecSchemas.component;
import static dev.terraauth.emulator.SpecSchemas.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.Browser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every auth-surface response, success and error, in both profiles, against the schemas of Terra's
 * official spec. Legacy error bodies are not in the current spec; they are checked against the
 * legacy shape the contract documents ({@code {"status":"error","message":...}}).
 */
class ContractTest {
  static final String LEGACY_ERROR =
      """
      {"type":"object","required":["status","message"],"additionalProperties":false,
       "properties":{"status":{"const":"error"},"message":{"type":"string","minLength":1}}}""";

  static TerraEmulator current;
  static TerraEmulator legacy;

  @BeforeAll
  static void start() {
    EmulatorAccount gone =
        EmulatorAccount.builder("acme-new-0000")
            .apiKey("fake-api-key-new-0000")
            .signingSecrets(List.of("fake-signing-secret-new-0000"))
            .legacyWidgetGone(true)
            .build();
    current = TerraEmulator.builder().port(0).account(gone).start();
    legacy = TerraEmulator.builder().port(0).profile(Profile.LEGACY).account(gone).start();
  }

  @AfterAll
  static void stop() {
    current.close();
    legacy.close();
  }

  @Test
  void successBodiesMatchTheSpecInBothProfiles() throws Exception {
    for (TerraEmulator terra : List.of(current, legacy)) {
      for (java.net.URI base : List.of(terra.apiBaseUrl(), terra.legacyApiBaseUrl())) {
        checkSuccessBodies(terra, Api.local(base));
      }
    }
  }

  private void checkSuccessBodies(TerraEmulator terra, Api api) throws Exception {
    Browser browser = new Browser(terra.baseUrl());
    Api.Response integrations = api.as(null, null).get("/integrations");
    assertThat(integrations.status()).isEqualTo(200);
    assertValid(response("/integrations", "get", 200), integrations.body());
    Api.Response detailed = api.as(null, null).get("/integrations/detailed?sdk=true");
    assertValid(response("/integrations/detailed", "get", 200), detailed.body());
    assertValid(component("IntegrationsResponse"), detailed.body());

    Api.Response widget =
        api.post("/auth/generateWidgetSession", "{\"reference_id\":\"r1\",\"language\":\"en\"}");
    assertThat(widget.status()).isEqualTo(200);
    assertValid(response("/auth/generateWidgetSession", "post", 200), widget.body());

    Api.Response newWidget =
        Api.local(terra.widgetSessionUrl()).post("", "{\"reference_id\":\"r1\"}");
    assertThat(newWidget.status()).isEqualTo(200);
    assertValid(response("/auth/generateWidgetSession", "post", 200), newWidget.body());

    Api.Response link = api.post("/auth/authenticateUser?resource=GARMIN", "{}");
    assertThat(link.status()).isEqualTo(200);
    assertValid(response("/auth/authenticateUser", "post", 200), link.body());

    Api.Response token = api.post("/auth/generateAuthToken", null);
    assertThat(token.status()).isEqualTo(200);
    assertValid(response("/auth/generateAuthToken", "post", 200), token.body());
    assertThat(token.json().get("token").asText()).matches("[0-9a-f]{64}");
    assertThat(token.json().get("expires_in").asInt()).isEqualTo(180);

    String userId = Flows.connectUser(api, browser, "OURA", "contract-ref");
    Api.Response byId = api.get("/userInfo?user_id=" + userId);
    assertThat(byId.status()).isEqualTo(200);
    assertValid(response("/userInfo", "get", 200), byId.body());
    assertValid(response("/userInfo", "get", 200) + "/oneOf/0", byId.body());
    Api.Response byReference = api.get("/userInfo?reference_id=contract-ref");
    assertValid(response("/userInfo", "get", 200), byReference.body());
    assertThat(byReference.json().isArray()).isTrue();

    // The spec's two subscriptions shapes overlap (neither has required fields), so oneOf can
    // never pass; each body is checked against its own branch.
    Api.Response unpaged = api.get("/subscriptions");
    assertValid(response("/subscriptions", "get", 200) + "/oneOf/0", unpaged.body());
    assertThat(unpaged.json().get("users").isArray()).isTrue();
    Api.Response paged = api.get("/subscriptions?page=0&per_page=1");
    assertValid(response("/subscriptions", "get", 200) + "/oneOf/1", paged.body());
    assertThat(paged.json().at("/data/results").size()).isEqualTo(1);

    Api.Response bulk = api.post("/bulkUserInfo", "[\"" + userId + "\"]");
    assertValid(response("/bulkUserInfo", "post", 200), bulk.body());
    assertThat(bulk.json().get(0).get("user_id").asText()).isEqualTo(userId);
    for (var user : bulk.json()) {
      assertValid(component("TerraUser"), user.toString());
    }

    Api.Response deauth = api.delete("/auth/deauthenticateUser?user_id=" + userId);
    assertThat(deauth.status()).isEqualTo(200);
    assertThat(deauth.body()).isEqualTo("{\"status\":\"success\"}");
    assertValid(response("/auth/deauthenticateUser", "delete", 200), deauth.body());
  }

  @Test
  void currentProfileErrorsAreProblemDetailsWithPathAndQuery() throws Exception {
    // the legacy base /v2 keeps the legacy error format by default (EmulatorGapsTest)
    for (java.net.URI base : List.of(current.apiBaseUrl())) {
      Api api = Api.local(base);
      String prefix = base.getPath();
      assertProblem(
          api.as(null, null).get("/userInfo?user_id=x"),
          401,
          prefix + "/userInfo?user_id=x",
          Responses.MISSING_CREDENTIALS);
      assertProblem(
          api.as(EmulatorAccount.LOCAL_DEV_ID, null).post("/auth/generateAuthToken", null),
          401,
          prefix + "/auth/generateAuthToken",
          Responses.MISSING_CREDENTIALS);
      assertProblem(
          api.as("nobody", "wrong").get("/subscriptions"),
          401,
          prefix + "/subscriptions",
          Quirks.defaults().invalidCredentialsDetail());
      assertProblem(
          api.as(EmulatorAccount.LOCAL_DEV_ID, "wrong-key").get("/subscriptions"),
          401,
          prefix + "/subscriptions",
          Quirks.defaults().invalidCredentialsDetail());
      assertProblem(
          api.post("/auth/authenticateUser", "{}"),
          400,
          prefix + "/auth/authenticateUser",
          "resource is required");
      assertProblem(
          api.post("/auth/authenticateUser?resource=NOPE", "{}"),
          404,
          prefix + "/auth/authenticateUser?resource=NOPE",
          "resource NOPE not found");
      assertProblem(
          api.post("/auth/generateWidgetSession", "not json"),
          400,
          prefix + "/auth/generateWidgetSession",
          "the body must be a JSON object");
      assertProblem(
          api.delete("/auth/deauthenticateUser?user_id=missing"),
          404,
          prefix + "/auth/deauthenticateUser?user_id=missing",
          "user not found");
      assertProblem(
          api.get("/userInfo?user_id=missing"),
          404,
          prefix + "/userInfo?user_id=missing",
          "user not found");
      assertProblem(
          api.get("/userInfo"), 400, prefix + "/userInfo", "user_id or reference_id is required");
      assertProblem(
          api.get("/subscriptions?page=-1"),
          400,
          prefix + "/subscriptions?page=-1",
          "page must be >= 0 and per_page >= 1");
      assertProblem(
          api.post("/bulkUserInfo", "{}"),
          400,
          prefix + "/bulkUserInfo",
          "the body must be a JSON array of user ids");
      assertProblem(
          api.get("/no/such/thing?x=1"), 404, prefix + "/no/such/thing?x=1", "no such endpoint");
      Api.Response gone =
          api.as("acme-new-0000", "fake-api-key-new-0000")
              .post("/auth/generateWidgetSession", "{}");
      assertThat(gone.status()).isEqualTo(410);
      assertValid(component("Problem"), gone.body());
      assertThat(gone.json().get("detail").asText())
          .contains("POST " + current.baseUrl() + "/api/widget/session");
    }
  }

  @Test
  void legacyProfileErrorsAreStatusAndMessage() throws Exception {
    String legacyError = LEGACY_ERROR;
    for (java.net.URI base : List.of(legacy.apiBaseUrl(), legacy.legacyApiBaseUrl())) {
      Api api = Api.local(base);
      Api.Response missing = api.as(null, null).get("/subscriptions");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.body()).isEqualTo("{\"message\":\"unauthorized\"}");
      Api.Response wrong = api.as("nobody", "wrong").get("/userInfo?user_id=x");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo("{\"message\":\"unauthorized\"}");
      Api.Response token = api.as("nobody", "wrong").post("/auth/generateAuthToken", null);
      assertThat(token.status()).isEqualTo(404);
      assertThat(token.json().get("message").asText()).isEqualTo("Invalid dev-id was provided");
      for (Api.Response error :
          List.of(
              token,
              api.post("/auth/authenticateUser", "{}"),
              api.post("/auth/authenticateUser?resource=NOPE", "{}"),
              api.delete("/auth/deauthenticateUser?user_id=missing"),
              api.get("/userInfo?user_id=missing"),
              api.post("/bulkUserInfo", "{}"),
              api.as("acme-new-0000", "fake-api-key-new-0000")
                  .post("/auth/generateWidgetSession", "{}"))) {
        assertThat(error.status()).isBetween(400, 499);
        assertThat(error.contentType()).startsWith("application/json");
        SpecSchemas.assertValidInline(legacyError, error.body());
      }
    }
  }

  @Test
  void newWidgetEndpointAnswersOnBothPathsWithItsOwnErrorShape() throws Exception {
    for (TerraEmulator terra : List.of(current, legacy)) {
      for (String path : List.of("/api/widget/session", "/widget/api/session")) {
        Api api = Api.local(java.net.URI.create(terra.baseUrl() + path));
        assertThat(api.post("", "{}").status()).isEqualTo(200);
        Api.Response forbidden = api.as("nobody", "nothing").post("", "{}");
        assertThat(forbidden.status()).isEqualTo(403);
        SpecSchemas.assertValidInline(LEGACY_ERROR, forbidden.body());
        Api.Response missing = api.as(null, null).post("", "{}");
        assertThat(missing.status()).isEqualTo(403);
        Api.Response bad = api.post("", "[1]");
        assertThat(bad.status()).isEqualTo(400);
        SpecSchemas.assertValidInline(LEGACY_ERROR, bad.body());
      }
    }
  }

  private static void assertProblem(
      Api.Response response, int status, String instance, String detail) throws Exception {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertValid(component("Problem"), response.body());
    assertThat(response.json().get("type").asText()).isEqualTo("about:blank");
    assertThat(response.json().get("title").asText()).isEqualTo(Responses.title(status));
    assertThat(response.json().get("instance").asText()).isEqualTo(instance);
    assertThat(response.json().get("detail").asText()).isEqualTo(detail);
  }
}
