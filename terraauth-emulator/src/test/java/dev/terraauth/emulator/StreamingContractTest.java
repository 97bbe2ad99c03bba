package dev.terraauth.emulator;

import static dev.terraauth.emulator.StreamingSpec.assertFrame;
import static dev.terraauth.emulator.StreamingSpec.assertNotFrame;
import static dev.terraauth.emulator.StreamingSpec.assertTokenResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the emulated streaming host checked against Terra's streaming specs: each token
 * endpoint status against rt-bundled.yaml, each server frame against rt.asyncapi.yaml.
 */
class StreamingContractTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TerraEmulator terra;
  private static String userId;

  @BeforeAll
  static void start() throws Exception {
    terra = TerraEmulator.builder().port(0).start();
    userId =
        Flows.connectUser(
            Api.local(terra.apiBaseUrl()), new Browser(terra.baseUrl()), "GARMIN", "rt");
  }

  @AfterAll
  static void stop() {
    terra.close();
  }

  private record Answer(int status, String contentType, String body) {}

  private static Answer post(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(terra.streamingUrl() + pathAndQuery))
            .POST(HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  private static String[] pair(String apiKey) {
    return new String[] {"dev-id", EmulatorAccount.LOCAL_DEV_ID, "x-api-key", apiKey};
  }

  private static String basic(String devId, String apiKey) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((devId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyTokenAnswerIsOneTheSpecDeclares() throws Exception {
    String key = EmulatorAccount.LOCAL_API_KEY;
    List<Answer> developer = new ArrayList<>();
    developer.add(expect(200, post("/auth/developer", pair(key))));
    developer.add(
        expect(
            200,
            post("/auth/developer", "Authorization", basic(EmulatorAccount.LOCAL_DEV_ID, key))));
    developer.add(expect(400, post("/auth/developer")));
    developer.add(expect(400, post("/auth/developer", "Authorization", "Bearer nope")));
    developer.add(expect(403, post("/auth/developer", pair("wrong-key-not-secret-0000"))));
    developer.add(
        expect(403, post("/auth/developer", "Authorization", basic("nobody", "fake-key-0000"))));
    for (Answer answer : developer) {
      assertTokenResponse("/auth/developer", answer.status(), answer.contentType(), answer.body());
    }
    List<Answer> user = new ArrayList<>();
    user.add(expect(200, post("/auth/user?id=" + userId, pair(key))));
    user.add(
        expect(
            200,
            post(
                "/auth/user?id=" + userId,
                "Authorization",
                basic(EmulatorAccount.LOCAL_DEV_ID, key))));
    user.add(expect(400, post("/auth/user", pair(key))));
    user.add(expect(400, post("/auth/user?id=" + userId)));
    user.add(expect(403, post("/auth/user?id=" + userId, pair("wrong-key-not-secret-0000"))));
    user.add(expect(403, post("/auth/user?id=not-your-user", pair(key))));
    terra
        .admin()
        .setFaults(
            Faults.ofRoutes(
                Faults.RouteFault.always("streamingUserToken", Faults.Kind.HTML_500),
                Faults.RouteFault.always("streamingDeveloperToken", Faults.Kind.HTML_500)));
    try {
      user.add(expect(500, post("/auth/user?id=" + userId, pair(key))));
      Answer failed = expect(500, post("/auth/developer", pair(key)));
      assertTokenResponse("/auth/developer", 500, failed.contentType(), failed.body());
    } finally {
      terra.admin().clearFaults();
    }
    for (Answer answer : user) {
      assertTokenResponse("/auth/user", answer.status(), answer.contentType(), answer.body());
    }
  }

  @Test
  void theSpecCheckCanFail() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                assertTokenResponse("/auth/developer", 200, "application/json", "{\"tok\":\"x\"}"))
        .isInstanceOf(AssertionError.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> assertTokenResponse("/auth/developer", 200, "text/plain", "{\"token\":\"x\"}"))
        .isInstanceOf(AssertionError.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> assertTokenResponse("/auth/developer", 401, "application/json", ""))
        .isInstanceOf(AssertionError.class);
    assertNotFrame("HelloFrame", "{\"op\":2,\"d\":{}}");
  }

  @Test
  void everyServerFrameMatchesTheAsyncApiSchemas() throws Exception {
    String key = EmulatorAccount.LOCAL_API_KEY;
    String consumerToken = token(post("/auth/developer", pair(key)));
    String producerToken = token(post("/auth/user?id=" + userId, pair(key)));
    try (Frames consumer = Frames.open(socketUrl());
        Frames producer = Frames.open(socketUrl())) {
      assertFrame("HelloFrame", consumer.next());
      assertFrame("HelloFrame", producer.next());
      String identifyConsumer = "{\"op\":3,\"d\":{\"type\":1,\"token\":\"" + consumerToken + "\"}}";
      assertFrame("IdentifyFrame", identifyConsumer);
      consumer.send(identifyConsumer);
      assertFrame("ReadyFrame", consumer.next());
      producer.send("{\"op\":3,\"d\":{\"type\":0,\"token\":\"" + producerToken + "\"}}");
      assertFrame("ReadyFrame", producer.next());
      producer.send("{\"op\":0}");
      assertFrame("HeartbeatAckFrame", producer.next());
      producer.send("{\"op\":8,\"d\":{\"connected\":true,\"device_id\":\"strap-1\"}}");
      producer.send("{\"op\":6,\"t\":\"heart_rate\",\"d\":{\"bpm\":61}}");
      String dispatch = consumer.next();
      assertFrame("DispatchFrame", dispatch);
      assertThat(dispatch).contains("\"uid\":\"" + userId + "\"");
      consumer.send("{\"op\":7,\"d\":{\"after\":0,\"before\":9223372036854775807}}");
      assertFrame("DispatchFrame", consumer.next());
    }
  }

  private static URI socketUrl() {
    return terra.streamingSocketUrl();
  }

  private static String token(Answer answer) throws Exception {
    assertThat(answer.status()).isEqualTo(200);
    return Json.MAPPER.readTree(answer.body()).get("token").asText();
  }

  private static Answer expect(int status, Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    return answer;
  }

  /** A raw socket through the independent Java-WebSocket client. */
  static final class Frames extends WebSocketClient implements AutoCloseable {
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
