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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's client block, read from the README and run against the emulator. */
class ClientReadmeExampleTest {
  private static TerraEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = TerraEmulator.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void theReadmeShowsWhatThisTestRuns() {
    ReadmeSnippets.assertReadmeShows(
        "java", "TerraAuthClient terra = ", ClientReadmeExampleTest.class, "client");
  }

  @Test
  void theReadmeBlockCreatesAWidgetSession() {
    TerraCredentials credentials =
        new TerraCredentials(
            Environment.LOCAL,
            EmulatorAccount.LOCAL_DEV_ID,
            Secret.of(EmulatorAccount.LOCAL_API_KEY),
            List.of(),
            emulator.apiBaseUrl(),
            emulator.widgetSessionUrl(),
            emulator.streamingUrl());
    // README: client
    TerraAuthClient terra = TerraAuthClient.builder().credentials(credentials).build();
    WidgetSession session =
        terra.widgetSession(
            WidgetSessionRequest.builder("user-42")
                .providers("GARMIN", "OURA")
                .successRedirect(URI.create("https://app.example/ok"))
                .build());
    // README end
    assertThat(session.url().toString()).startsWith(emulator.baseUrl().toString());
    assertThat(session.sessionId()).isNotBlank();
    assertThat(session.expiresAt()).isAfter(emulator.admin().now());
  }
}
