package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorConfigTest {
  @TempDir Path dir;

  @Test
  void readsAccountsQuirksFaultsAndScheduleFromYaml() throws Exception {
    Path file = dir.resolve("emulator.yaml");
    Files.writeString(
        file,
        """
        port: 0
        profile: legacy
        include_local_account: false
        retry_schedule: [250ms, 2s, PT1M]
        delivery_timeout: 3s
        accounts:
          - dev_id: acme-production-0000
            environment: production
            api_key: fake-api-key-production-0000
            signing_secrets: [fake-secret-new-0000, fake-secret-old-0000]
            webhook_url: http://127.0.0.1:9/hooks
            providers: [garmin, APPLE]
            legacy_widget_gone: true
        quirks: {user_cap_status: 400, failure_reason_parameter: error, deauth_delay: 0s}
        faults:
          seed: 7
          routes: [{route: userInfo, kind: http_503, rate: 0.25, latency: 100ms}]
          webhooks: {duplicate_rate: 0.5, out_of_order: true, stale_by: 10m, wrong_secret_rate: 1}
        """);
    EmulatorConfig config = EmulatorConfig.load(file);
    assertThat(config.port()).isZero();
    assertThat(config.profile()).isEqualTo(Profile.LEGACY);
    assertThat(config.includeLocalAccount()).isFalse();
    assertThat(config.retrySchedule())
        .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(1));
    assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(3));
    EmulatorAccount account = config.accounts().get(0);
    assertThat(account.environment()).isEqualTo(AccountEnvironment.PRODUCTION);
    assertThat(account.userCap()).isEqualTo(Integer.MAX_VALUE);
    assertThat(account.signingSecrets()).hasSize(2);
    assertThat(account.providers()).containsExactly("GARMIN", "APPLE");
    assertThat(account.webhookUrl()).isEqualTo(URI.create("http://127.0.0.1:9/hooks"));
    assertThat(account.legacyWidgetGone()).isTrue();
    assertThat(config.quirks().userCapStatus()).isEqualTo(400);
    assertThat(config.quirks().failureReasonParameter()).isEqualTo("error");
    assertThat(config.quirks().deauthDelay()).isZero();
    assertThat(config.faults().seed()).isEqualTo(7);
    assertThat(config.faults().routes().get(0))
        .isEqualTo(
            new Faults.RouteFault(
                "userInfo", Faults.Kind.HTTP_503, 0.25, Duration.ofMillis(100), 1));
    assertThat(config.faults().webhooks())
        .isEqualTo(new Faults.WebhookFaults(0.5, true, Duration.ofMinutes(10), 1.0));

    try (TerraEmulator terra = TerraEmulator.builder().config(config).start()) {
      assertThat(terra.profile()).isEqualTo(Profile.LEGACY);
      assertThat(terra.accounts())
          .extracting(EmulatorAccount::devId)
          .containsExactly("acme-production-0000");
      assertThat(terra.port()).isPositive();
    }
  }

  @Test
  void readsJsonAndKeepsTheBuiltInLocalAccount() throws Exception {
    Path file = dir.resolve("emulator.json");
    Files.writeString(
        file,
        """
        {"accounts":[{"dev_id":"acme-testing-0000","api_key":"fake-api-key-testing-0000",
          "signing_secret":"fake-signing-secret-testing-0000","user_cap":3}]}""");
    EmulatorConfig config = EmulatorConfig.load(file);
    assertThat(config.profile()).isEqualTo(Profile.CURRENT);
    assertThat(config.retrySchedule()).isEqualTo(EmulatorConfig.DEFAULT_RETRY_SCHEDULE);
    assertThat(config.accounts().get(0).userCap()).isEqualTo(3);
    assertThat(config.accounts().get(0).environment()).isEqualTo(AccountEnvironment.TESTING);
    try (TerraEmulator terra = TerraEmulator.builder().config(config).port(0).start()) {
      assertThat(terra.accounts())
          .extracting(EmulatorAccount::devId)
          .containsExactly(EmulatorAccount.LOCAL_DEV_ID, "acme-testing-0000");
    }
  }

  @Test
  void namesTheWrongFieldWithoutShowingValues() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        accounts:
          - dev_id: acme-testing-0000
            api_key: fake-api-key-testing-0000
            signing_secrets: []
        """);
    assertThatThrownBy(() -> EmulatorConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("accounts[0]")
        .hasMessageContaining("signing secret")
        .hasMessageNotContaining("fake-api-key");
    Files.writeString(file, "retry_schedule: [soon]\n");
    assertThatThrownBy(() -> EmulatorConfig.load(file)).hasMessageContaining("retry_schedule");
  }

  @Test
  void accountsNeverPrintSecretsAndDevIdsMustBeUnique() {
    EmulatorAccount local = EmulatorAccount.local();
    assertThat(local.toString())
        .contains(EmulatorAccount.LOCAL_DEV_ID)
        .doesNotContain(EmulatorAccount.LOCAL_API_KEY)
        .doesNotContain(EmulatorAccount.LOCAL_SIGNING_SECRET);
    assertThatThrownBy(() -> new EmulatorState(List.of(local, local)))
        .hasMessageContaining("configured twice");
  }
}
