package dev.terraauth.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.Cli;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.emulator.AccountEnvironment;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.testing.CliRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCheckTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  static final String TESTING_DEV_ID = "acme-testing-0000";
  static final String TESTING_KEY = "fake-api-key-testing-0000";
  static final String PRODUCTION_DEV_ID = "acme-production-0000";
  static final String PRODUCTION_KEY = "fake-api-key-production-0000";

  @TempDir Path workingDirectory;
  TerraEmulator terra;

  @BeforeEach
  void startEmulator() {
    terra =
        TerraEmulator.builder()
            .port(0)
            .account(
                EmulatorAccount.builder(TESTING_DEV_ID)
                    .environment(AccountEnvironment.TESTING)
                    .apiKey(TESTING_KEY)
                    .signingSecrets(java.util.List.of("fake-signing-secret-testing-0000"))
                    .build())
            .account(
                EmulatorAccount.builder(PRODUCTION_DEV_ID)
                    .environment(AccountEnvironment.PRODUCTION)
                    .apiKey(PRODUCTION_KEY)
                    .signingSecrets(java.util.List.of("fake-signing-secret-production-0000"))
                    .build())
            .start();
  }

  @AfterEach
  void stopEmulator() {
    terra.close();
  }

  Map<String, String> production(String devId, String key) {
    Map<String, String> variables = new HashMap<>();
    variables.put("TERRA_PRODUCTION_DEV_ID", devId);
    variables.put("TERRA_PRODUCTION_API_KEY", key);
    variables.put("TERRA_PRODUCTION_API_URL", terra.apiBaseUrl().toString());
    return variables;
  }

  @Test
  void workingCredentialsAreOk() throws Exception {
    CliRun run =
        Cli.run(
            production(PRODUCTION_DEV_ID, PRODUCTION_KEY),
            workingDirectory,
            "env",
            "check",
            "--live",
            "--env",
            "production",
            "--json");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(JSON.readTree(run.out()).at("/live/status").asText()).isEqualTo("ok");
  }

  @Test
  void aWrongKeyIsToldApart() {
    CliRun run =
        Cli.run(
            production(PRODUCTION_DEV_ID, "fake-wrong-key-0000-0000"),
            workingDirectory,
            "env",
            "check",
            "--live",
            "--env",
            "production");
    assertThat(run.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(run.out()).contains("live: wrong API key or dev-id").contains("401");
  }

  @Test
  void credentialsOfAnotherEnvironmentAreToldApart() {
    CliRun run =
        Cli.run(
            production(TESTING_DEV_ID, TESTING_KEY),
            workingDirectory,
            "env",
            "check",
            "--live",
            "--env",
            "production");
    assertThat(run.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(run.out()).contains("looks like another environment").contains("looks like testing");
  }

  @Test
  void terraDownIsToldApart() {
    Map<String, String> variables = production(PRODUCTION_DEV_ID, PRODUCTION_KEY);
    terra.close();
    CliRun run =
        Cli.run(variables, workingDirectory, "env", "check", "--live", "--env", "production");
    assertThat(run.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(run.out()).contains("live: Terra unreachable").doesNotContain("Exception");
  }

  @Test
  void whoamiShowsTheDevIdFingerprintAndLiveStatusNeverTheKey() throws Exception {
    CliRun run =
        Cli.run(
            production(PRODUCTION_DEV_ID, PRODUCTION_KEY),
            workingDirectory,
            "whoami",
            "--env",
            "production",
            "--json");
    assertThat(run.exitCode()).as(run.all()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("dev_id").asText()).isEqualTo(PRODUCTION_DEV_ID);
    assertThat(json.get("api_key_fingerprint").asText()).hasSize(8);
    assertThat(json.at("/live/status").asText()).isEqualTo("ok");
    assertThat(run.all()).doesNotContain(PRODUCTION_KEY);
    CliRun text =
        Cli.run(
            production(PRODUCTION_DEV_ID, "fake-wrong-key-0000-0000"),
            workingDirectory,
            "whoami",
            "--env",
            "production");
    assertThat(text.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(text.out()).contains("dev-id       " + PRODUCTION_DEV_ID).contains("wrong API key");
  }
}
