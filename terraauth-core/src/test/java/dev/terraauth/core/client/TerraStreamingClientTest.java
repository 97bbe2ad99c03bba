package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.TerraServerErrorException;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.Faults;
import dev.terraauth.emulator.StreamingSettings;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.emulator.TokenRedemption;
import dev.terraauth.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaming end to end: tokens minted through {@link TerraStreamingClient} against the emulator,
 * then real sockets on port 0 through an independent WebSocket client. Timeouts (4000, 4005) are
 * provoked by advancing the emulator clock, not by waiting.
 */
class TerraStreamingClientTest {
  private static final int PRODUCER = 0;
  private static final int CONSUMER = 1;

  private TerraEmulator emulator;
  private TerraStreamingClient streaming;
  private String userId;

  @BeforeEach
  void start() {
    emulator =
        TerraEmulator.builder()
            .port(0)
            .streaming(StreamingSettings.defaults().withConsumerSessionLimit(2))
            .start();
    TerraCredentials credentials = credentials(EmulatorAccount.LOCAL_API_KEY);
    streaming = TerraStreamingClient.builder().credentials(credentials).build();
    Secret mobile =
        TerraAuthClient.builder().credentials(credentials).build().generateAuthToken().token();
    TokenRedemption connected =
        emulator
            .admin()
            .redeemMobileToken(EmulatorAccount.LOCAL_DEV_ID, mobile.reveal(), "user-42", "APPLE");
    assertThat(connected.ok()).isTrue();
    userId = connected.user().userId();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private TerraCredentials credentials(String apiKey) {
    return new TerraCredentials(
        Environment.LOCAL,
        EmulatorAccount.LOCAL_DEV_ID,
        Secret.of(apiKey),
        List.of(),
        emulator.apiBaseUrl(),
        emulator.widgetSessionUrl(),
        emulator.streamingUrl());
  }

  private StreamSocket identified(int type, Secret token) throws Exception {
    StreamSocket socket = StreamSocket.open(streaming.socketUrl());
    JsonNode hello = socket.next();
    assertThat(hello.path("op").asInt()).isEqualTo(2);
    assertThat(hello.path("d").path("heartbeat_interval").asLong()).isEqualTo(40_000);
    socket.identify(type, token.reveal());
    assertThat(socket.next().path("op").asInt()).as("READY").isEqualTo(4);
    return socket;
  }

  @Test
  void producerSubmitArrivesAtTheConsumerAsDispatchAndCanBeReplayed() throws Exception {
    StreamSocket consumer = identified(CONSUMER, streaming.consumerToken());
    StreamSocket producer = identified(PRODUCER, streaming.producerToken(userId));

    producer.sendJson("{\"op\":6,\"t\":\"heart_rate\",\"d\":{\"bpm\":72}}");

    JsonNode dispatch = consumer.next();
    assertThat(dispatch.path("op").asInt()).isEqualTo(5);
    assertThat(dispatch.path("uid").asText()).isEqualTo(userId);
    assertThat(dispatch.path("t").asText()).isEqualTo("heart_rate");
    assertThat(dispatch.path("d").path("bpm").asInt()).isEqualTo(72);
    long seq = dispatch.path("seq").asLong();
    assertThat(seq).isPositive();

    consumer.sendJson("{\"op\":7,\"d\":{\"after\":0,\"before\":" + (seq + 1) + "}}");
    JsonNode replayed = consumer.next();
    assertThat(replayed.path("op").asInt()).isEqualTo(5);
    assertThat(replayed.path("seq").asLong()).isEqualTo(seq);
    assertThat(replayed.path("d").path("bpm").asInt()).isEqualTo(72);
    consumer.close();
    producer.close();
  }

  @Test
  void heartbeatIsAcknowledgedAndKeepsTheSessionAlive() throws Exception {
    StreamSocket producer = identified(PRODUCER, streaming.producerToken(userId));
    emulator.admin().advanceClock(Duration.ofSeconds(45));
    producer.sendJson("{\"op\":0}");
    assertThat(producer.next().path("op").asInt()).isEqualTo(1);
    emulator.admin().advanceClock(Duration.ofSeconds(45));
    producer.sendJson("{\"op\":0}");
    assertThat(producer.next().path("op").asInt()).as("still open after 90 s").isEqualTo(1);
    assertThat(producer.isClosedYet()).isFalse();
    producer.close();
  }

  @Test
  void aTokenWorksOnceOnly() throws Exception {
    Secret token = streaming.producerToken(userId);
    StreamSocket first = identified(PRODUCER, token);
    StreamSocket second = StreamSocket.open(streaming.socketUrl());
    second.next();
    second.identify(PRODUCER, token.reveal());
    assertThat(second.closeCode()).isEqualTo(4001);
    first.close();
  }

  @Test
  void noIdentifyWithinTheTimeoutCloses4000() throws Exception {
    StreamSocket socket = StreamSocket.open(streaming.socketUrl());
    socket.next();
    emulator.admin().advanceClock(Duration.ofSeconds(9));
    socket.sendJson("{\"op\":0}");
    assertThat(socket.next().path("op").asInt()).as("still open 9 s after HELLO").isEqualTo(1);
    emulator.admin().advanceClock(Duration.ofSeconds(2));
    assertThat(socket.closeCode()).isEqualTo(4000);
  }

  @Test
  void unknownExpiredOrMistypedTokensClose4001() throws Exception {
    StreamSocket unknown = StreamSocket.open(streaming.socketUrl());
    unknown.next();
    unknown.identify(CONSUMER, "not-a-token");
    assertThat(unknown.closeCode()).isEqualTo(4001);

    Secret consumerToken = streaming.consumerToken();
    StreamSocket mistyped = StreamSocket.open(streaming.socketUrl());
    mistyped.next();
    mistyped.identify(PRODUCER, consumerToken.reveal());
    assertThat(mistyped.closeCode()).isEqualTo(4001);

    Secret expiring = streaming.consumerToken();
    emulator.admin().advanceClock(Duration.ofSeconds(61));
    StreamSocket late = StreamSocket.open(streaming.socketUrl());
    late.next();
    late.identify(CONSUMER, expiring.reveal());
    assertThat(late.closeCode()).isEqualTo(4001);
  }

  @Test
  void consumersBeyondTheLimitClose4002() throws Exception {
    StreamSocket one = identified(CONSUMER, streaming.consumerToken());
    StreamSocket two = identified(CONSUMER, streaming.consumerToken());
    StreamSocket three = StreamSocket.open(streaming.socketUrl());
    three.next();
    three.identify(CONSUMER, streaming.consumerToken().reveal());
    assertThat(three.closeCode()).isEqualTo(4002);
    one.closeBlocking();
    // the slot is free again once the server has seen the consumer leave
    StreamSocket four =
        Await.result(
            "a consumer slot after one closed",
            Duration.ofSeconds(10),
            () -> {
              StreamSocket next = StreamSocket.open(streaming.socketUrl());
              next.next();
              next.identify(CONSUMER, streaming.consumerToken().reveal());
              JsonNode answer = next.nextUnlessClosed();
              return answer != null && answer.path("op").asInt() == 4
                  ? Optional.of(next)
                  : Optional.empty();
            });
    four.close();
    two.close();
  }

  @Test
  void aSecondIdentifyCloses4003() throws Exception {
    StreamSocket socket = identified(CONSUMER, streaming.consumerToken());
    socket.identify(CONSUMER, streaming.consumerToken().reveal());
    assertThat(socket.closeCode()).isEqualTo(4003);
  }

  @Test
  void opcodesOfTheOtherRoleClose4004() throws Exception {
    StreamSocket consumer = identified(CONSUMER, streaming.consumerToken());
    consumer.sendJson("{\"op\":6,\"t\":\"heart_rate\",\"d\":{}}");
    assertThat(consumer.closeCode()).as("SUBMIT on a consumer").isEqualTo(4004);

    StreamSocket producer = identified(PRODUCER, streaming.producerToken(userId));
    producer.sendJson("{\"op\":7,\"d\":{\"before\":10}}");
    assertThat(producer.closeCode()).as("REPLAY on a producer").isEqualTo(4004);

    StreamSocket unknown = identified(PRODUCER, streaming.producerToken(userId));
    unknown.sendJson("{\"op\":42}");
    assertThat(unknown.closeCode()).as("unknown opcode").isEqualTo(4004);
  }

  @Test
  void aMissedHeartbeatCloses4005() throws Exception {
    StreamSocket producer = identified(PRODUCER, streaming.producerToken(userId));
    emulator.admin().advanceClock(Duration.ofSeconds(59));
    producer.sendJson("{\"op\":0}");
    assertThat(producer.next().path("op").asInt()).as("in time at 59 s").isEqualTo(1);
    emulator.admin().advanceClock(Duration.ofSeconds(61));
    assertThat(producer.closeCode()).isEqualTo(4005);
  }

  @Test
  void malformedFramesClose1003() throws Exception {
    StreamSocket socket = StreamSocket.open(streaming.socketUrl());
    socket.next();
    socket.sendJson("not json");
    assertThat(socket.closeCode()).isEqualTo(1003);

    // op 3.5 is not IDENTIFY (3): an opcode is an integer, as rt.asyncapi.yaml declares
    StreamSocket fractional = StreamSocket.open(streaming.socketUrl());
    fractional.next();
    fractional.sendJson(
        "{\"op\":3.5,\"d\":{\"type\":1,\"token\":"
            + "\""
            + streaming.consumerToken().reveal()
            + "\"}}");
    assertThat(fractional.closeCode()).as("a fractional op").isEqualTo(1003);

    StreamSocket producer = identified(PRODUCER, streaming.producerToken(userId));
    producer.sendJson("{\"op\":6,\"t\":\"heart_rate\",\"d\":\"not an object\"}");
    assertThat(producer.closeCode()).as("SUBMIT without an object d").isEqualTo(1003);

    StreamSocket consumer = identified(CONSUMER, streaming.consumerToken());
    consumer.sendJson("{\"op\":7,\"d\":{\"before\":\"soon\"}}");
    assertThat(consumer.closeCode()).as("REPLAY with a non-integer bound").isEqualTo(1003);
  }

  @Test
  void socketFaultsAreInjectedLikeRouteFaults() throws Exception {
    emulator
        .admin()
        .setFaults(
            Faults.ofRoutes(Faults.RouteFault.always("streamingConnect", Faults.Kind.HTTP_503)));
    StreamSocket failing = StreamSocket.attempt(streaming.socketUrl());
    assertThat(failing.closeCode()).isEqualTo(1011);
    emulator
        .admin()
        .setFaults(
            Faults.ofRoutes(
                Faults.RouteFault.always("streamingConnect", Faults.Kind.DROP_CONNECTION)));
    StreamSocket dropped = StreamSocket.attempt(streaming.socketUrl());
    // 1006: abnormal closure without a close frame; -1: cut before the handshake was read
    assertThat(dropped.closeCode()).as("no close frame").isIn(1006, -1);
    emulator.admin().clearFaults();
    identified(CONSUMER, streaming.consumerToken()).close();
  }

  @Test
  void basicAuthenticationMintsTokensToo() throws Exception {
    TerraStreamingClient basic =
        TerraStreamingClient.builder()
            .credentials(credentials(EmulatorAccount.LOCAL_API_KEY))
            .authentication(StreamingAuthentication.BASIC)
            .build();
    identified(CONSUMER, basic.consumerToken()).close();
    identified(PRODUCER, basic.producerToken(userId)).close();
  }

  @Test
  void wrongCredentialsAndForeignUsersAre403WithoutTheKeyInTheMessage() {
    String wrongKey = "wrong-api-key-not-secret-0000";
    TerraStreamingClient wrong =
        TerraStreamingClient.builder().credentials(credentials(wrongKey)).build();
    assertThatThrownBy(wrong::consumerToken)
        .isInstanceOf(InvalidCredentialsException.class)
        .hasMessageContaining("POST /auth/developer")
        .hasMessageContaining("403")
        .hasMessageNotContaining(wrongKey);
    assertThatThrownBy(() -> streaming.producerToken("someone-elses-user"))
        .isInstanceOf(InvalidCredentialsException.class)
        .hasMessageContaining("does not belong to this dev-id");
  }

  @Test
  void aFailedGenerationIsAServerError() {
    emulator
        .admin()
        .setFaults(
            Faults.ofRoutes(
                Faults.RouteFault.always("streamingDeveloperToken", Faults.Kind.HTML_500)));
    assertThatThrownBy(streaming::consumerToken)
        .isInstanceOf(TerraServerErrorException.class)
        .hasMessageContaining("500");
  }

  @Test
  void tokensAreSecretsAndTheSocketUrlFollowsTheHost() {
    Secret token = streaming.consumerToken();
    assertThat(token.toString()).doesNotContain(token.reveal());
    assertThat(streaming.socketUrl().toString())
        .isEqualTo("ws://127.0.0.1:" + emulator.port() + "/connect");
    TerraStreamingClient production =
        TerraStreamingClient.builder()
            .credentials(
                credentials(EmulatorAccount.LOCAL_API_KEY)
                    .withStreamingUrl(TerraCredentials.DEFAULT_STREAMING_URL))
            .build();
    assertThat(production.socketUrl().toString()).isEqualTo("wss://ws.tryterra.co/connect");
  }
}
