package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.junit.TerraEmulatorExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The observer sees every finished call with its fixed operation name and outcome. */
class CallObserverTest {
  @RegisterExtension static TerraEmulatorExtension terra = TerraEmulatorExtension.create();

  @Test
  void everyCallIsObservedOnceWithItsOutcome() {
    List<String> seen = new CopyOnWriteArrayList<>();
    TerraAuthClient client =
        TerraAuthClient.builder()
            .credentials(
                new TerraCredentials(
                    Environment.LOCAL,
                    EmulatorAccount.LOCAL_DEV_ID,
                    Secret.of(EmulatorAccount.LOCAL_API_KEY),
                    List.of(),
                    terra.apiBaseUrl(),
                    terra.widgetSessionUrl()))
            .observer(
                (operation, outcome, elapsed) -> {
                  assertThat(elapsed).isPositive();
                  seen.add(operation + " " + outcome);
                })
            .build();

    client.integrations();
    assertThatThrownBy(() -> client.userInfo("no-such-user-0000"))
        .isInstanceOf(TerraNotFoundException.class);

    assertThat(seen)
        .containsExactly("GET /integrations ok", "GET /userInfo TerraNotFoundException");
  }
}
