package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.Faults;
import dev.terraauth.emulator.WebhookDelivery;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.gateway.webhook.DeliveryStore;
import dev.terraauth.testing.Await;
import dev.terraauth.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The whole flow against the emulator, on SQLite and on PostgreSQL. */
abstract class EndToEndContract {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  static TestDatabase database;
  static Stack stack;

  final HttpClient http = HttpClient.newHttpClient();
  final Browser browser = new Browser();

  @org.junit.jupiter.api.BeforeEach
  void requireDatabase() {
    TestDatabase.assumeConfigured(database);
  }

  @AfterAll
  static void stopAll() {
    if (stack != null) {
      stack.close();
      stack = null;
    }
    if (database != null) {
      database.close();
      database = null;
    }
  }

  // ---- helpers

  static String user() {
    return "user-" + UUID.randomUUID();
  }

  static String jwt(String user) throws Exception {
    return jwt(user, Stack.AUDIENCE, Stack.JWT_SECRET, Instant.now().plusSeconds(300));
  }

  static String jwt(String user, String audience, Secret key, Instant expiry) throws Exception {
    SignedJWT token =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer(Stack.ISSUER)
                .audience(audience)
                .subject(user)
                .expirationTime(Date.from(expiry))
                .build());
    token.sign(new MACSigner(key.revealBytes()));
    return token.serialize();
  }

  HttpResponse<String> call(String method, String path, String bearer, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  JsonNode overview(String user) throws Exception {
    HttpResponse<String> response = call("GET", "/api/terra/connections", jwt(user), null);
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response);
  }

  JsonNode connection(String user, String provider) throws Exception {
    for (JsonNode connection : overview(user).get("connections")) {
      if (connection.get("provider").asText().equals(provider)) {
        return connection;
      }
    }
    return null;
  }

  /** Polls (webhooks are asynchronous) until the condition holds, for at most 10 s. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, Duration.ofSeconds(10), condition);
  }

  boolean state(String user, String provider, String state) {
    try {
      JsonNode connection = connection(user, provider);
      return connection != null && connection.get("state").asText().equals(state);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The widget flow through the emulator's pages; returns the active connection's Terra id. */
  String connectWithWidget(String user, String provider, String account) throws Exception {
    HttpResponse<String> session =
        call(
            "POST",
            "/api/terra/widget-session",
            jwt(user),
            "{\"providers\":[\"" + provider + "\"]}");
    assertThat(session.statusCode()).isEqualTo(200);
    Browser.Page done = browser.connect(json(session).get("url").asText(), provider, account, true);
    assertThat(done.status()).isEqualTo(302);
    assertThat(done.location()).startsWith(stack.base + "/terra/return/success");
    Browser.Page back = browser.get(done.location());
    assertThat(back.status()).isEqualTo(303);
    assertThat(back.location())
        .isEqualTo(
            "https://app.example/connected?terra_connection=success&terra_provider=" + provider);
    await(provider + " active for " + user, () -> state(user, provider, "active"));
    return connection(user, provider).get("terra_user_id").asText();
  }

  HttpResponse<String> postWebhook(String body, String signature, String traceId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.base + "/webhooks/terra"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Terra-Signature", signature);
    }
    if (traceId != null) {
      request.header("X-Terra-Trace-Id", traceId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String sign(String secret, Instant at, String body) {
    return WebhookSigner.of(Secret.of(secret))
        .header(at.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
  }

  static String deauthBody(String terraUserId, String reference) {
    return "{\"type\":\"deauth\",\"status\":\"success\",\"message\":\"User has deauthenticated\","
        + "\"user\":{\"user_id\":\""
        + terraUserId
        + "\",\"provider\":\"GARMIN\",\"last_webhook_update\":null,\"scopes\":\"A\","
        + "\"reference_id\":\""
        + reference
        + "\",\"active\":false}}";
  }

  // ---- the Done-when scenarios

  @Test
  void widgetFlowEndsInAnActiveConnectionVerifiedWithTheRotatedSecret() throws Exception {
    String user = user();
    String terraUserId = connectWithWidget(user, "GARMIN", user + "@garmin");

    JsonNode overview = overview(user);
    assertThat(overview.get("sessions").get(0).get("status").asText()).isEqualTo("completed");
    assertThat(overview.get("sessions").get(0).get("terra_user_id").asText())
        .isEqualTo(terraUserId);
    assertThat(overview.get("connections").get(0).get("orphan").asBoolean()).isFalse();
    JsonNode deliveries =
        json(call("GET", "/admin/deliveries", Stack.ADMIN_TOKEN.reveal(), null)).get("deliveries");
    JsonNode auth = null;
    for (JsonNode delivery : deliveries) {
      if (terraUserId.equals(delivery.get("terra_user_id").asText())) {
        auth = delivery;
      }
    }
    assertThat(auth).isNotNull();
    assertThat(auth.get("type").asText()).isEqualTo("auth");
    assertThat(auth.get("verified_with").asText()).startsWith("testing#1");
  }

  @Test
  void mobileTokenRedeemedThroughTheEmulatorEndsInAnActiveConnection() throws Exception {
    String user = user();
    HttpResponse<String> issued = call("POST", "/api/terra/mobile-token", jwt(user), null);
    assertThat(issued.statusCode()).isEqualTo(200);
    String token = json(issued).get("token").asText();
    assertThat(json(issued).get("reference_id").asText()).isEqualTo(user);

    assertThat(stack.emulator.admin().redeemMobileToken(Stack.DEV_ID, token, user, "APPLE").ok())
        .isTrue();

    await("APPLE active", () -> state(user, "APPLE", "active"));
    JsonNode session = overview(user).get("sessions").get(0);
    assertThat(session.get("kind").asText()).isEqualTo("mobile_token");
    assertThat(session.get("status").asText()).isEqualTo("completed");
    assertThat(session.get("session_id").asText()).isEmpty(); // the token is never shown again
  }

  @Test
  void disconnectDeauthenticatesAtTerraAndTheDeauthWebhookConfirms() throws Exception {
    String user = user();
    String terraUserId = connectWithWidget(user, "FITBIT", user + "@fitbit");
    HttpResponse<String> deleted =
        call("DELETE", "/api/terra/connections/" + terraUserId, jwt(user), null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(state(user, "FITBIT", "deauthenticated")).isTrue();
    await(
        "deauth webhook stored",
        () ->
            new DeliveryStore(database.database().jdbi())
                .recent(1000).stream()
                    .anyMatch(
                        d ->
                            d.eventType().equals("deauth") && terraUserId.equals(d.terraUserId())));
    assertThat(stack.emulator.admin().users(Stack.DEV_ID))
        .noneMatch(u -> u.userId().equals(terraUserId));
  }

  @Test
  void reconnectingTheSameAccountReKeysTheConnection() throws Exception {
    String user = user();
    String account = user + "@oura";
    String first = connectWithWidget(user, "OURA", account);

    HttpResponse<String> session =
        call("POST", "/api/terra/widget-session", jwt(user), "{\"providers\":[\"OURA\"]}");
    browser.connect(json(session).get("url").asText(), "OURA", account, true);

    await(
        "re-keyed connection",
        () -> {
          try {
            JsonNode connection = connection(user, "OURA");
            return connection != null
                && !connection.get("terra_user_id").asText().equals(first)
                && connection.get("state").asText().equals("active");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    assertThat(overview(user).get("connections")).hasSize(1);
  }

  @Test
  void revokedConnectionErrorAndPermissionChangeReachTheConnection() throws Exception {
    String user = user();
    String terraUserId = connectWithWidget(user, "GARMIN", user + "@garmin");

    stack.emulator.admin().changePermissions(terraUserId, "EXTRA_EXPORT", "");
    await(
        "scope added",
        () -> {
          try {
            return connection(user, "GARMIN").get("scopes").toString().contains("EXTRA_EXPORT");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    stack.emulator.admin().connectionError(terraUserId);
    await("error state", () -> state(user, "GARMIN", "error"));

    stack.emulator.admin().revokeAccess(terraUserId);
    await("revoked state", () -> state(user, "GARMIN", "revoked"));
  }

  @Test
  void aDeniedConsentFailsTheSession() throws Exception {
    String user = user();
    HttpResponse<String> session =
        call("POST", "/api/terra/widget-session", jwt(user), "{\"providers\":[\"FITBIT\"]}");

    Browser.Page denied = browser.connect(json(session).get("url").asText(), "FITBIT", "x", false);

    assertThat(denied.location()).startsWith(stack.base + "/terra/return/failure");
    assertThat(browser.get(denied.location()).location())
        .endsWith("terra_connection=failure&terra_provider=FITBIT&terra_reason=access_denied");
    await(
        "failed session",
        () -> {
          try {
            return overview(user).get("sessions").get(0).get("status").asText().equals("failed");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    assertThat(overview(user).get("sessions").get(0).get("detail").asText())
        .isEqualTo("access_denied");
    assertThat(overview(user).get("connections")).isEmpty();
  }

  @Test
  void anExpiredSessionShowsAsExpiredAndItsWidgetIsGone() throws Exception {
    String user = user();
    HttpResponse<String> session = call("POST", "/api/terra/widget-session", jwt(user), null);
    String url = json(session).get("url").asText();

    stack.clock.advance(Duration.ofMinutes(16));

    assertThat(browser.get(url).status()).isEqualTo(410);
    // the session record goes through the group-commit writer after the answer (issue 17)
    await(
        "the expired session listed",
        () -> {
          try {
            JsonNode listed = overview(user).get("sessions").get(0);
            return listed != null && listed.get("status").asText().equals("expired");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    JsonNode sessions =
        json(call("GET", "/admin/sessions", Stack.ADMIN_TOKEN.reveal(), null)).get("sessions");
    JsonNode mine = null;
    for (JsonNode session1 : sessions) {
      if (session1.get("reference_id").asText().equals(user)) {
        mine = session1;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("orphan").asBoolean()).as("issued, expired, no webhook").isTrue();
  }

  @Test
  void forgedStaleMissingAndWrongEnvironmentWebhooksAreRefusedAndNotStored() throws Exception {
    String victim = UUID.randomUUID().toString();
    String body = deauthBody(victim, "nobody");
    Instant now = stack.clock.instant();

    assertThat(postWebhook(body, null, "t-missing").statusCode()).isEqualTo(401);
    assertThat(postWebhook(body, sign("forged-secret-0000", now, body), "t-forged").statusCode())
        .isEqualTo(401);
    assertThat(
            postWebhook(body, sign(Stack.OLD_SECRET, now.minusSeconds(600), body), "t-stale")
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> wrongEnvironment =
        postWebhook(body, sign(Stack.STAGING_SECRET, now, body), "t-staging");
    assertThat(wrongEnvironment.statusCode()).isEqualTo(401);
    assertThat(json(wrongEnvironment).get("detail").asText()).contains("staging");
    String tampered = body.replace("nobody", "somebody");
    assertThat(postWebhook(tampered, sign(Stack.OLD_SECRET, now, body), "t-tampered").statusCode())
        .isEqualTo(401);

    DeliveryStore deliveries = new DeliveryStore(database.database().jdbi());
    for (String trace : List.of("t-missing", "t-forged", "t-stale", "t-staging", "t-tampered")) {
      assertThat(deliveries.find(trace)).as(trace).isEmpty();
    }
    assertThat(deliveries.recent(1000)).noneMatch(d -> d.body().contains(victim));
    JsonNode refused =
        json(call("GET", "/admin/deliveries", Stack.ADMIN_TOKEN.reveal(), null)).get("refused");
    assertThat(refused.toString()).contains("wrong_environment").contains("t-staging");
  }

  @Test
  void aReplayedDeliveryIsAcknowledgedButChangesNothing() throws Exception {
    String user = user();
    String terraUserId = connectWithWidget(user, "GARMIN", user + "@garmin");
    String trace = UUID.randomUUID().toString();
    String deauth = deauthBody(terraUserId, user);
    Instant now = stack.clock.instant();
    assertThat(postWebhook(deauth, sign(Stack.NEW_SECRET, now, deauth), trace).statusCode())
        .isEqualTo(200);
    assertThat(state(user, "GARMIN", "deauthenticated")).isTrue();

    HttpResponse<String> replay =
        postWebhook(deauth, sign(Stack.NEW_SECRET, now.plusSeconds(1), deauth), trace);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(json(replay).get("status").asText()).isEqualTo("duplicate");
    assertThat(
            new DeliveryStore(database.database().jdbi())
                .recent(1000).stream().filter(d -> d.dedupeKey().equals(trace)).count())
        .isEqualTo(1);
  }

  @Test
  void aDeliverySentTwiceIsStoredAndAppliedOnce() throws Exception {
    stack
        .emulator
        .admin()
        .setFaults(Faults.ofWebhooks(new Faults.WebhookFaults(1.0, false, Duration.ZERO, 0)));
    try {
      String user = user();
      String terraUserId = connectWithWidget(user, "POLAR", user + "@polar");
      await(
          "the duplicate attempt",
          () ->
              stack.emulator.admin().deliveries().stream()
                  .anyMatch(d -> d.body().contains(terraUserId) && d.attempts() >= 2));
      WebhookDelivery sent =
          stack.emulator.admin().deliveries().stream()
              .filter(d -> d.body().contains(terraUserId) && d.type().equals("auth"))
              .findFirst()
              .orElseThrow();
      assertThat(sent.attempts()).isGreaterThanOrEqualTo(2);
      DeliveryStore deliveries = new DeliveryStore(database.database().jdbi());
      assertThat(deliveries.find(sent.traceId())).isPresent();
      assertThat(deliveries.find(sent.traceId()).orElseThrow().outcome().label())
          .isEqualTo("applied");
      assertThat(overview(user).get("connections")).hasSize(1);
    } finally {
      stack.emulator.admin().clearFaults();
    }
  }

  @Test
  void aWebhookForAConnectionNobodyStartedHereIsAppliedAndVisibleAsAnOrphan() throws Exception {
    String user = user();
    String terraUserId = UUID.randomUUID().toString();
    String auth =
        "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\""
            + terraUserId
            + "\",\"provider\":\"OURA\",\"scopes\":\"daily,sleep\",\"reference_id\":\""
            + user
            + "\",\"active\":true}}";

    HttpResponse<String> response =
        postWebhook(
            auth,
            sign(Stack.NEW_SECRET, stack.clock.instant(), auth),
            UUID.randomUUID().toString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode connection = connection(user, "OURA");
    assertThat(connection.get("state").asText()).isEqualTo("active");
    assertThat(connection.get("orphan").asBoolean()).isTrue();
  }

  @Test
  void unknownEventTypesAreAcknowledgedAndChangeNothing() throws Exception {
    String body =
        "{\"type\":\"sleep\",\"user\":{\"user_id\":\"x\",\"provider\":\"OURA\"},\"data\":[]}";
    HttpResponse<String> response =
        postWebhook(
            body,
            sign(Stack.OLD_SECRET, stack.clock.instant(), body),
            UUID.randomUUID().toString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("outcome").asText()).isEqualTo("ignored");
  }

  @Test
  void credentialHealthIncludesALiveCheck() throws Exception {
    JsonNode health =
        json(call("GET", "/admin/credentials", Stack.ADMIN_TOKEN.reveal(), null))
            .get("environments")
            .get(0);
    assertThat(health.get("environment").asText()).isEqualTo("testing");
    assertThat(health.get("live_check").asText()).isEqualTo("ok");
    assertThat(health.get("signing_secrets").toString())
        .contains("testing#2")
        .contains("staging#1")
        .doesNotContain(Stack.NEW_SECRET);
  }

  @Test
  void badTokensAreRefused() throws Exception {
    String user = user();
    Secret otherKey = Secret.of("another-fake-secret-for-tests-1111-1111-1111");
    List<String> refused =
        List.of(
            jwt(user, Stack.AUDIENCE, Stack.JWT_SECRET, Instant.now().minusSeconds(600)),
            jwt(user, Stack.AUDIENCE, otherKey, Instant.now().plusSeconds(300)),
            jwt(user, "another-audience", Stack.JWT_SECRET, Instant.now().plusSeconds(300)),
            new PlainJWT(
                    new JWTClaimsSet.Builder()
                        .issuer(Stack.ISSUER)
                        .audience(Stack.AUDIENCE)
                        .subject(user)
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build())
                .serialize());
    for (String token : refused) {
      HttpResponse<String> response = call("POST", "/api/terra/widget-session", token, null);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
    }
    assertThat(call("POST", "/api/terra/mobile-token", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void nulAndControlCharactersAreRefusedAsInputNever500() throws Exception {
    // PostgreSQL cannot store a NUL: each of these was a 500 there
    for (String path : List.of("/api/terra/widget-session", "/api/terra/mobile-token")) {
      HttpResponse<String> response = call("POST", path, jwt("nul\u0000user"), null);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(json(response).get("detail").asText()).contains("control character");
    }
    HttpResponse<String> streaming =
        call(
            "POST", "/api/terra/streaming-token", jwt(user()), "{\"terra_user_id\":\"a\\u0000b\"}");
    assertThat(streaming.statusCode()).isEqualTo(400);
    assertThat(json(streaming).get("detail").asText()).contains("terra_user_id");
    for (String page : List.of("/terra/return/success", "/terra/return/failure")) {
      Browser.Page back = browser.get(stack.base + page + "?s=a%00b&user_id=a%00b");
      assertThat(back.status()).as(page).isEqualTo(303);
      assertThat(back.location()).contains("terra_connection=unknown");
    }
    // a real session's redirect with a NUL in its (unauthenticated) user id hint
    String user = user();
    HttpResponse<String> session =
        call("POST", "/api/terra/widget-session", jwt(user), "{\"providers\":[\"OURA\"]}");
    Browser.Page done =
        browser.connect(json(session).get("url").asText(), "OURA", user + "@oura", true);
    String location = done.location().replaceFirst("user_id=[^&]*", "user_id=a%00b");
    assertThat(location).contains("user_id=a%00b");
    Browser.Page back = browser.get(location);
    assertThat(back.status()).isEqualTo(303);
    assertThat(back.location()).contains("terra_connection=success");
  }

  @Test
  void oneUserCannotSeeOrDeleteAnothersConnection() throws Exception {
    String alice = user();
    String mallory = user();
    String terraUserId = connectWithWidget(alice, "WHOOP", alice + "@whoop");

    assertThat(overview(mallory).get("connections")).isEmpty();
    assertThat(
            call("DELETE", "/api/terra/connections/" + terraUserId, jwt(mallory), null)
                .statusCode())
        .isEqualTo(404);
    assertThat(state(alice, "WHOOP", "active")).isTrue();
    assertThat(stack.emulator.admin().users(Stack.DEV_ID))
        .anyMatch(u -> u.userId().equals(terraUserId));
  }

  @Test
  void mobileTokensAreRateLimited() throws Exception {
    String user = user();
    for (int i = 0; i < 5; i++) {
      assertThat(call("POST", "/api/terra/mobile-token", jwt(user), null).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> limited = call("POST", "/api/terra/mobile-token", jwt(user), null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void anUnknownProviderIsA400CarryingTerrasMessage() throws Exception {
    HttpResponse<String> response =
        call("POST", "/api/terra/widget-session", jwt(user()), "{\"providers\":[\"NOSUCHBAND\"]}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Terra rejected the request").contains("NOSUCHBAND");
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void upstreamFaultsAre502Or503ProblemsWithRetryAfter() throws Exception {
    String user = user();
    record Case(String route, Faults.Kind kind, int expected) {}
    List<Case> cases =
        List.of(
            new Case("generateWidgetSession", Faults.Kind.HTTP_503, 503),
            new Case("generateWidgetSession", Faults.Kind.HTTP_429, 503),
            new Case("generateWidgetSession", Faults.Kind.HTML_500, 502),
            new Case("generateWidgetSession", Faults.Kind.DROP_CONNECTION, 503),
            new Case("generateAuthToken", Faults.Kind.HTML_500, 502));
    try {
      for (Case c : cases) {
        stack
            .emulator
            .admin()
            .setFaults(Faults.ofRoutes(Faults.RouteFault.always(c.route(), c.kind())));
        String path =
            c.route().equals("generateAuthToken")
                ? "/api/terra/mobile-token"
                : "/api/terra/widget-session";
        HttpResponse<String> response = call("POST", path, jwt(user), null);
        assertThat(response.statusCode()).as(c.toString()).isEqualTo(c.expected());
        assertThat(response.headers().firstValue("Retry-After")).as(c.toString()).isPresent();
        assertThat(response.headers().firstValue("Content-Type"))
            .contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
    } finally {
      stack.emulator.admin().clearFaults();
    }
    String metrics = call("GET", "/metrics", null, null).body();
    assertThat(metrics).contains("terraauth_upstream_calls").contains("status=\"503\"");
  }

  @Test
  void reconciliationRepairsDrift() throws Exception {
    String user = user();
    String terraUserId = connectWithWidget(user, "SUUNTO", user + "@suunto");
    // Terra forgets the user without a webhook reaching us: drift
    database
        .database()
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE connection SET scopes = 'STALE' WHERE terra_user_id = :id")
                    .bind("id", terraUserId)
                    .execute());

    HttpResponse<String> started =
        call("POST", "/admin/reconcile", Stack.ADMIN_TOKEN.reveal(), null);
    assertThat(started.statusCode()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    JsonNode report = json(started);
    // the job runs in the background: follow it until it ends (bounded)
    for (int i = 0; i < 600 && report.get("status").asText().equals("running"); i++) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      report = json(call("GET", location, Stack.ADMIN_TOKEN.reveal(), null));
    }

    assertThat(report.get("status").asText()).isEqualTo("done");
    assertThat(report.get("changes").toString()).contains(terraUserId);
    assertThat(connection(user, "SUUNTO").get("scopes").toString()).doesNotContain("STALE");
  }
}
