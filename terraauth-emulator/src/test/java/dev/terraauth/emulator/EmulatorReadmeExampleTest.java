package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.ReadmeSnippets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The README's "In tests" emulator block, read from the README and run. */
class EmulatorReadmeExampleTest {
  @Test
  void theReadmeShowsWhatThisTestRuns() {
    ReadmeSnippets.assertReadmeShows(
        "java", "TerraEmulator terra = ", EmulatorReadmeExampleTest.class, "emulator");
  }

  @Test
  void theReadmeBlockStartsAnEmulatorMovesItsClockAndInjectsAFault() throws Exception {
    URI myReceiver = URI.create("http://127.0.0.1:9/terra/webhooks");
    // README: emulator
    try (TerraEmulator terra =
        TerraEmulator.builder()
            .port(0)
            .account(EmulatorAccount.local().withWebhookUrl(myReceiver))
            .start()) {
      Instant before = terra.admin().now(); // test only
      URI api = terra.apiBaseUrl();
      terra.admin().advanceClock(Duration.ofMinutes(16));
      terra
          .admin()
          .setFaults(
              Faults.ofRoutes(
                  Faults.RouteFault.always("generateWidgetSession", Faults.Kind.HTTP_503)));
      check(terra, api, before); // test only
    }
    // README end
  }

  private static void check(TerraEmulator terra, URI api, Instant before) throws Exception {
    assertThat(api.getPath()).isEqualTo("/api/v2");
    assertThat(terra.admin().now()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(16)));
    assertThat(Api.local(api).post("/auth/generateWidgetSession", "{}").status()).isEqualTo(503);
  }
}
