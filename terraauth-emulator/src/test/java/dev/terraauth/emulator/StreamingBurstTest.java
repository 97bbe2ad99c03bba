package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that does not wait for answers: frames sent back to back, before HELLO has arrived. The
 * server's answers must still arrive in order, and its close frame after them.
 */
class StreamingBurstTest {
  private static TerraEmulator terra;

  @BeforeAll
  static void start() {
    terra = TerraEmulator.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    terra.close();
  }

  @Test
  void aRoleErrorRightAfterIdentifyStillDeliversHelloAndReadyBeforeThe4004() throws Exception {
    for (int i = 0; i < 5; i++) {
      Burst burst = Burst.connect(terra.streamingSocketUrl());
      burst.send("{\"op\":3,\"d\":{\"type\":1,\"token\":\"" + consumerToken() + "\"}}");
      burst.send("{\"op\":6,\"t\":\"heart_rate\",\"d\":{}}");
      assertThat(burst.closeCode()).as("attempt %d: %s", i, burst.frames).isEqualTo(4004);
      assertThat(burst.frames).hasSize(2);
      assertThat(burst.frames.get(0)).contains("\"op\":2");
      assertThat(burst.frames.get(1)).isEqualTo("{\"op\":4}");
    }
  }

  private static String consumerToken() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(terra.streamingUrl() + "/auth/developer"))
                    .header("dev-id", EmulatorAccount.LOCAL_DEV_ID)
                    .header("x-api-key", EmulatorAccount.LOCAL_API_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(response.body()).get("token").asText();
  }

  /** The independent Java-WebSocket client, keeping every frame and the close code. */
  static final class Burst extends WebSocketClient {
    final List<String> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private Burst(URI url) {
      super(url);
    }

    static Burst connect(URI url) throws InterruptedException {
      Burst burst = new Burst(url);
      assertThat(burst.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
      return burst;
    }

    int closeCode() throws Exception {
      return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public synchronized void onMessage(String message) {
      frames.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      closed.complete(code);
    }

    @Override
    public void onError(Exception error) {}
  }
}
