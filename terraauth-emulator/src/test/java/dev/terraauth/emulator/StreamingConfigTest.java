package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config file's streaming section and the new quirks, and their errors. */
class StreamingConfigTest {
  @TempDir Path dir;

  @Test
  void readsTheStreamingSectionAndTheNewQuirks() throws Exception {
    Path file = dir.resolve("emulator.yaml");
    Files.writeString(
        file,
        """
        streaming:
          heartbeat_interval: 5s
          heartbeat_grace: 1s
          identify_timeout: 2s
          token_ttl: 30s
          consumer_session_limit: 1
          replay_history: 10
        quirks: {legacy_base_errors: false, bulk_user_info_not_found: false}
        """);
    EmulatorConfig config = EmulatorConfig.load(file);
    assertThat(config.streaming())
        .isEqualTo(
            new StreamingSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                1,
                10));
    assertThat(config.quirks().legacyBaseErrors()).isFalse();
    assertThat(config.quirks().bulkUserInfoNotFound()).isFalse();
    assertThat(EmulatorConfig.defaults().streaming()).isEqualTo(StreamingSettings.defaults());
    assertThat(EmulatorConfig.defaults().quirks().legacyBaseErrors()).isTrue();
    assertThat(EmulatorConfig.defaults().quirks().bulkUserInfoNotFound()).isTrue();
  }

  @Test
  void badValuesNameTheFileAndTheField() throws Exception {
    Path limit = dir.resolve("limit.yaml");
    Files.writeString(limit, "streaming: {consumer_session_limit: 0}\n");
    assertThatThrownBy(() -> EmulatorConfig.load(limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit.yaml")
        .hasMessageContaining("streaming.consumer_session_limit must be between 1 and 1000");
    Path quirk = dir.resolve("quirk.yaml");
    Files.writeString(quirk, "quirks: {legacy_base_errors: maybe}\n");
    assertThatThrownBy(() -> EmulatorConfig.load(quirk))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quirks.legacy_base_errors must be true or false");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "streaming: {consumer_session_limit: three} | streaming.consumer_session_limit must be a"
            + " whole number, got \"three\"",
        "streaming: {replay_history: 2.5} | streaming.replay_history must be a whole number",
        "streaming: {heartbeat_interval: 0s} | streaming.heartbeat_interval must be positive",
        "streaming: {heartbeat_grace: soon} | streaming.heartbeat_grace is not a duration",
        "streaming: {hearbeat_interval: 5s} | streaming.hearbeat_interval is not a setting; use"
            + " heartbeat_interval,",
        "streaming: 5 | streaming must be an object with heartbeat_interval",
      })
  void aWrongStreamingValueIsAnErrorNamingItNeverADefault(String yaml, String message)
      throws Exception {
    Path file = dir.resolve("streaming.yaml");
    Files.writeString(file, yaml + "\n");
    assertThatThrownBy(() -> EmulatorConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("streaming.yaml")
        .hasMessageContaining(message);
  }
}
