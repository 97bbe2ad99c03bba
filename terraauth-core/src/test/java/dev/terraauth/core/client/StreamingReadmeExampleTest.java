package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.testing.ReadmeSnippets;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's streaming block, read from the README and run against the emulator. */
class StreamingReadmeExampleTest {
  @Test
  void theReadmeShowsWhatThisTestRuns() {
    ReadmeSnippets.assertReadmeShows(
        "java", "TerraStreamingClient streaming", StreamingReadmeExampleTest.class, "streaming");
  }

  @Test
  void theReadmeSnippetRuns() {
    try (TerraEmulator emulator = TerraEmulator.builder().port(0).start()) {
      TerraCredentials credentials =
          new TerraCredentials(
              Environment.LOCAL,
              EmulatorAccount.LOCAL_DEV_ID,
              Secret.of(EmulatorAccount.LOCAL_API_KEY),
              List.of(),
              emulator.apiBaseUrl(),
              emulator.widgetSessionUrl(),
              emulator.streamingUrl());
      String token =
          TerraAuthClient.builder()
              .credentials(credentials)
              .build()
              .generateAuthToken()
              .token()
              .reveal();
      String terraUserId =
          emulator
              .admin()
              .redeemMobileToken(EmulatorAccount.LOCAL_DEV_ID, token, "readme", "APPLE")
              .user()
              .userId();
      // README: streaming
      TerraStreamingClient streaming =
          TerraStreamingClient.builder().credentials(credentials).build();
      Secret producer = streaming.producerToken(terraUserId);
      Secret consumer = streaming.consumerToken();
      URI socket = streaming.socketUrl();
      // README end
      assertThat(producer.reveal()).isNotEqualTo(consumer.reveal());
      assertThat(socket.getPath()).isEqualTo("/connect");
    }
  }
}
