package dev.terraauth.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app API over HTTP, with an in-memory Terra (the emulator suites cover the real flows). */
class AppApiTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  static final Secret JWT_SECRET = Secret.of("fake-hs256-secret-for-tests-0000-0000-0000");
  static final Secret ADMIN = Secret.of("fake-admin-token-0000");
  static final String APP_ORIGIN = "https://app.example";

  @TempDir static Path directory;
  static TestDatabase database;
  static FakeTerra terra;
  static GatewayApp gateway;
  static String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    database = TestDatabase.sqlite(directory);
    terra = new FakeTerra(Clock.systemUTC());
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(JwtSettings.hs256(JWT_SECRET, "https://app.example", "gateway"))
            .corsOrigins(List.of(APP_ORIGIN))
            .appReturnUrl(URI.create(APP_ORIGIN + "/done"))
            .mobileTokensPerMinute(2)
            .adminToken(ADMIN)
            .build();
    gateway =
        GatewayApp.create(
                config,
                new GatewayApp.Parts(
                    database.database(),
                    terra,
                    WebhookVerifier.of(
                        List.of(
                            new SigningSecret(
                                Environment.TESTING,
                                1,
                                Secret.of("fake-signing-secret-testing-0000")))),
                    CredentialAdmin.none(),
                    Clock.systemUTC()))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    gateway.stop();
    database.close();
  }

  static String token(String user) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer("https://app.example")
                .audience("gateway")
                .subject(user)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new MACSigner(JWT_SECRET.revealBytes()));
    return jwt.serialize();
  }

  HttpResponse<String> send(
      String method, String path, String bearer, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void widgetSessionPointsTerraAtTheGatewaysReturnPages() throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/terra/widget-session", token("alice"), "{\"providers\":[\"GARMIN\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("url").asText()).startsWith("https://widget.example/session/");
    assertThat(body.get("session_id").asText()).isNotBlank();
    var request = terra.widgetRequests.get(terra.widgetRequests.size() - 1);
    assertThat(request.referenceId()).isEqualTo("alice");
    assertThat(request.providers()).containsExactly("GARMIN");
    assertThat(request.successRedirect().getPath()).isEqualTo("/terra/return/success");

    String nonce = request.successRedirect().getQuery().substring(2);
    HttpResponse<String> back =
        send(
            "GET",
            "/terra/return/success?s=" + nonce + "&user_id=abc&reference_id=alice",
            null,
            null);
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.headers().firstValue("Location"))
        .contains(APP_ORIGIN + "/done?terra_connection=success");
  }

  @Test
  void returnUrlsOutsideTheAppOriginsAreRefused() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/terra/widget-session",
            token("alice"),
            "{\"return_url\":\"https://evil.example/steal\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void returnUrlsMustBeHttpsOutsideLocal() throws Exception {
    HttpResponse<String> plain =
        send(
            "POST",
            "/api/terra/widget-session",
            token("https-user"),
            "{\"return_url\":\"http://app.example/done\"}");
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(json(plain).get("detail").asText()).contains("return_url").contains("https://");
    HttpResponse<String> secure =
        send(
            "POST",
            "/api/terra/widget-session",
            token("https-user"),
            "{\"return_url\":\"" + APP_ORIGIN + "/done\"}");
    assertThat(secure.statusCode()).isEqualTo(200);
  }

  @Test
  void mobileTokensAreRateLimitedPerUser() throws Exception {
    String user = "rate-" + UUID.randomUUID();
    assertThat(send("POST", "/api/terra/mobile-token", token(user), null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> second = send("POST", "/api/terra/mobile-token", token(user), null);
    assertThat(json(second).get("reference_id").asText()).isEqualTo(user);
    assertThat(json(second).get("token").asText()).hasSize(32);

    HttpResponse<String> third = send("POST", "/api/terra/mobile-token", token(user), null);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(json(third).get("status").asInt()).isEqualTo(429);
    // another user is not limited by the first one
    assertThat(send("POST", "/api/terra/mobile-token", token("other-" + user), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void usersSeeAndDeleteOnlyTheirOwnConnections() throws Exception {
    String terraUserId = UUID.randomUUID().toString();
    ConnectionStore connections = new ConnectionStore(database.database().jdbi());
    database
        .database()
        .jdbi()
        .useTransaction(
            handle ->
                connections.upsert(
                    handle,
                    new Connection(
                        terraUserId,
                        "carol",
                        "GARMIN",
                        ConnectionState.ACTIVE,
                        List.of("A"),
                        null,
                        null,
                        1,
                        1,
                        1)));

    JsonNode mallorysView = json(send("GET", "/api/terra/connections", token("mallory"), null));
    assertThat(mallorysView.get("connections")).isEmpty();
    HttpResponse<String> mallorysDelete =
        send("DELETE", "/api/terra/connections/" + terraUserId, token("mallory"), null);
    assertThat(mallorysDelete.statusCode()).isEqualTo(404);
    assertThat(terra.deauthenticated).doesNotContain(terraUserId);

    JsonNode carolsView = json(send("GET", "/api/terra/connections", token("carol"), null));
    assertThat(carolsView.get("connections").get(0).get("terra_user_id").asText())
        .isEqualTo(terraUserId);
    assertThat(
            send("DELETE", "/api/terra/connections/" + terraUserId, token("carol"), null)
                .statusCode())
        .isEqualTo(204);
    assertThat(terra.deauthenticated).contains(terraUserId);
    assertThat(connections.find(terraUserId).orElseThrow().state())
        .isEqualTo(ConnectionState.DEAUTHENTICATED);
  }

  @Test
  void requestsWithoutAValidTokenAre401ProblemJson() throws Exception {
    HttpResponse<String> response = send("GET", "/api/terra/connections", null, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(response).get("title").asText()).isEqualTo("unauthorized");
    assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
  }

  @Test
  void corsOnlyForConfiguredOrigins() throws Exception {
    HttpResponse<String> allowed =
        send(
            "OPTIONS",
            "/api/terra/connections",
            null,
            null,
            "Origin",
            APP_ORIGIN,
            "Access-Control-Request-Method",
            "GET");
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(APP_ORIGIN);

    HttpResponse<String> refused =
        send(
            "OPTIONS",
            "/api/terra/connections",
            null,
            null,
            "Origin",
            "https://evil.example",
            "Access-Control-Request-Method",
            "GET");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    // the answer depends on Origin either way, so caches must key on it: refusals included
    assertThat(allowed.headers().allValues("Vary")).contains("Origin");
    assertThat(refused.headers().allValues("Vary")).contains("Origin");
    HttpResponse<String> refusedGet =
        send(
            "GET",
            "/api/terra/connections",
            token("alice"),
            null,
            "Origin",
            "https://evil.example");
    assertThat(refusedGet.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(refusedGet.headers().allValues("Vary")).contains("Origin");
    HttpResponse<String> noOrigin = send("GET", "/api/terra/connections", token("alice"), null);
    assertThat(noOrigin.headers().allValues("Vary")).contains("Origin");
  }

  @Test
  void everyApiAnswerVariesOnOriginAndUnknownApiPathsAre404() throws Exception {
    HttpResponse<String> preflightDelete =
        send(
            "OPTIONS",
            "/api/terra/connections/some-terra-user",
            null,
            null,
            "Origin",
            APP_ORIGIN,
            "Access-Control-Request-Method",
            "DELETE");
    assertThat(preflightDelete.statusCode()).isEqualTo(204);
    assertThat(preflightDelete.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValueSatisfying(methods -> assertThat(methods).contains("DELETE"));
    for (String method : List.of("GET", "POST", "OPTIONS")) {
      HttpResponse<String> unknown =
          send(method, "/api/terra/no-such-endpoint", token("alice"), null, "Origin", APP_ORIGIN);
      assertThat(unknown.statusCode()).as(method).isEqualTo(404);
      assertThat(json(unknown).get("detail").asText())
          .contains(method + " /api/terra/no-such-endpoint");
      assertThat(unknown.headers().allValues("Vary")).as(method).contains("Origin");
    }
    HttpResponse<String> unauthorized =
        send("POST", "/api/terra/mobile-token", null, null, "Origin", "https://evil.example");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.headers().allValues("Vary")).contains("Origin");
    HttpResponse<String> wrongMethod =
        send("PUT", "/api/terra/connections", token("alice"), null, "Origin", APP_ORIGIN);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().allValues("Vary")).contains("Origin");
  }

  @Test
  void upstreamFailuresAre503WithRetryAfterNever500() throws Exception {
    terra.failure =
        new dev.terraauth.core.error.TerraTransportException(
            "POST /auth/generateAuthToken: connection refused",
            false,
            new java.io.IOException("refused"));
    try {
      HttpResponse<String> response =
          send("POST", "/api/terra/widget-session", token("dave"), null);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    } finally {
      terra.failure = null;
    }
  }

  @Test
  void adminEndpointsNeedTheAdminTokenNotAnAppToken() throws Exception {
    assertThat(send("GET", "/admin/connections", token("alice"), null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/admin/connections", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> ok = send("GET", "/admin/deliveries", ADMIN.reveal(), null);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).has("refused")).isTrue();
  }

  @Test
  void healthAndMetrics() throws Exception {
    assertThat(send("GET", "/health/live", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/health/ready", null, null).statusCode()).isEqualTo(200);
    send("POST", "/api/terra/widget-session", token("erin"), null);
    String metrics = send("GET", "/metrics", null, null).body();
    assertThat(metrics)
        .contains("terraauth_tokens_issued_total")
        .contains("terraauth_upstream_calls");
  }

  static String tokenWithSubject(Object subject) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer("https://app.example")
                .audience("gateway")
                .claim("sub", subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new MACSigner(JWT_SECRET.revealBytes()));
    return jwt.serialize();
  }

  @Test
  void numericOverlongAndControlCharacterSubjectsAre401BeforeTerraIsCalled() throws Exception {
    int widgetsBefore = terra.widgetRequests.size();
    int tokensBefore = terra.mobileTokens.get();
    // a NUL in the user id was a 500 on PostgreSQL (after Terra made the widget session)
    for (String bearer :
        List.of(
            tokenWithSubject(12345),
            tokenWithSubject("u".repeat(256)),
            tokenWithSubject("nul\u0000user"),
            tokenWithSubject("forged\nlog line"))) {
      HttpResponse<String> widget = send("POST", "/api/terra/widget-session", bearer, null);
      HttpResponse<String> mobile = send("POST", "/api/terra/mobile-token", bearer, null);
      assertThat(widget.statusCode()).isEqualTo(401);
      assertThat(mobile.statusCode()).isEqualTo(401);
      assertThat(json(mobile).get("detail").asText()).contains("'sub'");
    }
    assertThat(terra.widgetRequests).hasSize(widgetsBefore);
    assertThat(terra.mobileTokens.get()).isEqualTo(tokensBefore);
    // the longest subject that fits is still fine
    assertThat(
            send("POST", "/api/terra/widget-session", tokenWithSubject("u".repeat(255)), null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void malleatedTokensAre401() throws Exception {
    String valid = token("alice");
    int signatureStart = valid.lastIndexOf('.') + 1;
    for (String junk : List.of("!", "*", "~", "%", "\t", "=", "+", "/")) {
      String bad =
          valid.substring(0, signatureStart + 3) + junk + valid.substring(signatureStart + 3);
      assertThat(send("GET", "/api/terra/connections", bad, null).statusCode())
          .as("junk %s", junk)
          .isEqualTo(401);
    }
    assertThat(send("GET", "/api/terra/connections", valid, null).statusCode()).isEqualTo(200);
  }

  @Test
  void theDevelopmentLoginDoesNotExistOutsideLocal() throws Exception {
    assertThat(send("POST", "/dev/login", null, "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
  }
}
