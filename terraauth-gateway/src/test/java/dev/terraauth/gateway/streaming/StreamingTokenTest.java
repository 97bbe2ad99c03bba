package dev.terraauth.gateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.TerraStreamingClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.EmulatorClock;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.CoreWiring;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.AppUserService;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/terra/streaming-token} end to end: the gateway on SQLite, core's clients and the
 * emulator, and the minted token presented on the emulator's socket through an independent client.
 */
class StreamingTokenTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  static final Secret JWT_SECRET = Secret.of("fake-hs256-secret-for-tests-0000-0000-0000");

  @TempDir static Path directory;
  static TestDatabase database;
  static TerraEmulator emulator;
  static GatewayApp gateway;
  static String base;
  static String carolsUser;
  static String carolsOldUser;
  static String mallorysUser;

  /** The gateway's clock: the rate window moves only when the test says so. */
  static final EmulatorClock CLOCK = EmulatorClock.of(Clock.systemUTC());

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    emulator = TerraEmulator.builder().port(0).start();
    TerraCredentials credentials =
        new TerraCredentials(
            Environment.LOCAL,
            EmulatorAccount.LOCAL_DEV_ID,
            Secret.of(EmulatorAccount.LOCAL_API_KEY),
            List.of(),
            emulator.apiBaseUrl(),
            emulator.widgetSessionUrl(),
            emulator.streamingUrl());
    TerraAuthClient client = TerraAuthClient.builder().credentials(credentials).build();
    carolsUser = connect(client, "carol");
    // a connection carol had and ended: known to the gateway only
    carolsOldUser = "carols-deauthenticated-connection";
    mallorysUser = connect(client, "mallory");
    database = TestDatabase.sqlite(directory);
    ConnectionStore connections = new ConnectionStore(database.database().jdbi());
    database
        .database()
        .jdbi()
        .useTransaction(
            handle -> {
              connections.upsert(handle, active(carolsUser, "carol"));
              connections.upsert(
                  handle,
                  new Connection(
                      carolsOldUser,
                      "carol",
                      "APPLE",
                      ConnectionState.DEAUTHENTICATED,
                      List.of(),
                      "disconnected by the user",
                      null,
                      1,
                      1,
                      1));
              connections.upsert(handle, active(mallorysUser, "mallory"));
            });
    GatewayConfig config =
        GatewayConfig.builder(Environment.LOCAL, URI.create("http://127.0.0.1:1"))
            .jwt(JwtSettings.hs256(JWT_SECRET, "https://app.example", "gateway"))
            .mobileTokensPerMinute(2)
            .build();
    gateway =
        GatewayApp.create(
                config,
                CoreWiring.parts(
                    database.database(),
                    client,
                    TerraStreamingClient.builder().credentials(credentials).build(),
                    WebhookVerifier.of(
                        List.of(
                            new SigningSecret(
                                Environment.LOCAL,
                                1,
                                Secret.of(EmulatorAccount.LOCAL_SIGNING_SECRET)))),
                    CLOCK))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (database != null) {
      database.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static String connect(TerraAuthClient client, String referenceId) {
    String token = client.generateAuthToken().token().reveal();
    return emulator
        .admin()
        .redeemMobileToken(EmulatorAccount.LOCAL_DEV_ID, token, referenceId, "APPLE")
        .user()
        .userId();
  }

  private static Connection active(String terraUserId, String referenceId) {
    return new Connection(
        terraUserId, referenceId, "APPLE", ConnectionState.ACTIVE, List.of(), null, null, 1, 1, 1);
  }

  @Test
  void aUserGetsAProducerTokenForTheirOwnConnectionThatTheSocketAccepts() throws Exception {
    HttpResponse<String> response = mint("carol", carolsUser);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(response.body());
    String token = body.get("token").asText();
    assertThat(body.get("terra_user_id").asText()).isEqualTo(carolsUser);
    assertThat(body.get("socket_url").asText()).isEqualTo(emulator.streamingSocketUrl().toString());

    // only the hash is stored, and the request is recorded as a session
    List<Map<String, Object>> rows =
        database
            .database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT * FROM auth_session WHERE kind = 'STREAMING_TOKEN'")
                        .mapToMap()
                        .list());
    assertThat(rows.toString()).doesNotContain(token);
    assertThat(rows)
        .anySatisfy(row -> assertThat(row.get("id")).isEqualTo(AppUserService.sha256(token)));
    assertThat(rows).anySatisfy(row -> assertThat(row.get("terra_user_id")).isEqualTo(carolsUser));

    Frames socket = Frames.open(URI.create(body.get("socket_url").asText()));
    assertThat(socket.next()).contains("\"op\":2");
    socket.send("{\"op\":3,\"d\":{\"type\":0,\"token\":\"" + token + "\"}}");
    assertThat(socket.next()).isEqualTo("{\"op\":4}");
    socket.closeBlocking();
  }

  @Test
  void someoneElsesAnInactiveOrAnUnknownConnectionIs404() throws Exception {
    HttpResponse<String> foreign = mint("carol", mallorysUser);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.body()).doesNotContain("mallory").doesNotContain(mallorysUser);
    HttpResponse<String> inactive = mint("carol", carolsOldUser);
    assertThat(inactive.statusCode()).as("carol's own, deauthenticated").isEqualTo(404);
    HttpResponse<String> unknown = mint("carol", "no-such-connection");
    assertThat(unknown.statusCode()).isEqualTo(404);
    // indistinguishable: the same answer for someone else's and for none at all
    assertThat(JSON.readTree(foreign.body()).get("detail"))
        .isEqualTo(JSON.readTree(unknown.body()).get("detail"));
    assertThat(mint("carol", "").statusCode()).isEqualTo(400);
    assertThat(mint("carol", "x".repeat(200)).statusCode()).isEqualTo(400);
  }

  /** A value of the wrong JSON type is a 400 naming the field, never read as text. */
  @Test
  void aWrongTypeIsA400NamingTheField() throws Exception {
    for (String value : List.of("5", "5.5", "true", "[\"" + carolsUser + "\"]")) {
      HttpResponse<String> minted =
          post("/api/terra/streaming-token", "carol", "{\"terra_user_id\":" + value + "}");
      assertThat(minted.statusCode()).as(value).isEqualTo(400);
      assertThat(JSON.readTree(minted.body()).get("detail").asText())
          .as(value)
          .startsWith("terra_user_id has the wrong type: expected a string");
    }
    HttpResponse<String> providers =
        post("/api/terra/widget-session", "carol", "{\"providers\":[\"GARMIN\", 7]}");
    assertThat(providers.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(providers.body()).get("detail").asText())
        .isEqualTo("providers[1] has the wrong type: expected a string");
    HttpResponse<String> notAList =
        post("/api/terra/widget-session", "carol", "{\"providers\":{\"a\":1}}");
    assertThat(notAList.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notAList.body()).get("detail").asText())
        .isEqualTo("providers has the wrong type: expected an array of strings");
    // the string itself still works
    assertThat(mint("carol", carolsUser).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAnAppTokenThereIsNoStreamingToken() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/terra/streaming-token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"terra_user_id\":\"" + carolsUser + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("\"token\"");
  }

  @Test
  void streamingTokensAreRateLimitedLikeMobileTokensWithTheirOwnBudget() throws Exception {
    // refusals (someone else's connection) are not issues and do not count
    assertThat(mint("mallory", carolsUser).statusCode()).isEqualTo(404);
    assertThat(mint("mallory", carolsUser).statusCode()).isEqualTo(404);
    assertThat(mint("mallory", mallorysUser).statusCode()).isEqualTo(200);
    assertThat(mint("mallory", mallorysUser).statusCode()).isEqualTo(200);
    HttpResponse<String> third = mint("mallory", mallorysUser);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(third.body()).contains("streaming tokens").doesNotContain("\"token\"");
    // mobile tokens keep their own budget of the same size
    assertThat(post("/api/terra/mobile-token", "mallory", null).statusCode()).isEqualTo(200);
    // the window slides on the gateway's clock
    CLOCK.advance(Duration.ofSeconds(61));
    assertThat(mint("mallory", mallorysUser).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> mint(String user, String terraUserId) throws Exception {
    return post("/api/terra/streaming-token", user, "{\"terra_user_id\":\"" + terraUserId + "\"}");
  }

  private HttpResponse<String> post(String path, String user, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + appToken(user))
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String appToken(String user) throws Exception {
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

  /** A socket through the independent Java-WebSocket client. */
  static final class Frames extends WebSocketClient {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private Frames(URI url) {
      super(url);
    }

    static Frames open(URI url) throws InterruptedException {
      Frames frames = new Frames(url);
      assertThat(frames.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
      return frames;
    }

    String next() throws InterruptedException {
      String frame = frames.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 10 s").isNotNull();
      return frame;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
      frames.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {}

    @Override
    public void onError(Exception error) {}
  }
}
