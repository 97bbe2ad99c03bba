package dev.terraauth.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.testing.RelayReceiver;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that go through a claim rather than the hand-over (an ordered endpoint's, a replay's)
 * are sent as soon as their commit is, not after the endpoint's idle interval: with a poll interval
 * of 4 s, each arrives well within a second. Before, the dispatcher that had found nothing due
 * looked again only once the interval was over.
 */
class RelayWakeUpTest {
  private static final Duration POLL = Duration.ofSeconds(4);

  @TempDir static Path directory;

  private final RelayContract relay = new RelayContract() {};

  @BeforeAll
  static void start() throws Exception {
    RelayContract.startGateway(TestDatabase.sqlite(directory), POLL);
  }

  @AfterAll
  static void stop() {
    RelayContract.stop();
  }

  @Test
  void anOrderedEndpointsMessagesAndAReplayAreSentAtOnce() throws Exception {
    try (RelayReceiver receiver = RelayReceiver.start()) {
      String[] endpoint = relay.createEndpoint(receiver, "\"ordered\":true");
      receiver.verifyWith(endpoint[1]);
      // the endpoint list is read once per poll interval: let the dispatcher see the new endpoint
      // and go idle on it (nothing due)
      Thread.sleep(POLL.toMillis() * 3 / 2);
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        String trace = relay.deliver("activity", "wake-user", "n" + i);
        Await.until(
            "message " + i,
            Duration.ofSeconds(10),
            () -> !RelayContract.byTrace(receiver, trace).isEmpty());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as("delivery %d of an ordered endpoint, ms", i).isLessThan(1_000);
        Thread.sleep(300); // the dispatcher finds nothing due again
      }
      String first = relay.deliver("activity", "wake-user", "to-replay");
      Await.until(
          "the message to replay",
          Duration.ofSeconds(10),
          () -> !RelayContract.byTrace(receiver, first).isEmpty());
      String webhookId = RelayContract.byTrace(receiver, first).get(0).header("webhook-id");
      Thread.sleep(300);
      long start = System.nanoTime();
      assertThat(
              relay
                  .admin(
                      "POST",
                      "/admin/relay/endpoints/" + endpoint[0] + "/replay",
                      "{\"message_id\":\"" + webhookId + "\"}")
                  .statusCode())
          .isEqualTo(202);
      Await.until(
          "the replay",
          Duration.ofSeconds(10),
          () -> RelayContract.byTrace(receiver, first).size() == 2);
      assertThat((System.nanoTime() - start) / 1_000_000).as("the replay, ms").isLessThan(1_000);
    }
  }
}
