package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningSecretsTest {
  @TempDir Path directory;

  private EnvironmentReport inspect(Map<String, String> variables) {
    Map<String, String> all = new HashMap<>(variables);
    all.put("TERRA_TESTING_DEV_ID", "acme-testing-0000");
    all.put("TERRA_TESTING_API_KEY", "fake-api-key-testing-0000");
    return CredentialsLoader.builder()
        .environmentVariables(all)
        .workingDirectory(directory)
        .build()
        .inspect(Environment.TESTING);
  }

  private static List<String> generations(EnvironmentReport report) {
    return report.signingSecrets().stream()
        .map(s -> s.signingSecret().generation() + "=" + s.signingSecret().secret().reveal())
        .toList();
  }

  @Test
  void commaSeparatedListIsOldestFirstAndReturnedNewestFirst() {
    EnvironmentReport report =
        inspect(Map.of("TERRA_TESTING_WEBHOOK_SECRET", "old-secret, new-secret"));

    assertThat(report.errors()).isEmpty();
    assertThat(generations(report)).containsExactly("2=new-secret", "1=old-secret");
  }

  @Test
  void numberedKeysGiveTheirGeneration() {
    EnvironmentReport report =
        inspect(
            Map.of(
                "TERRA_TESTING_WEBHOOK_SECRET", "first",
                "TERRA_TESTING_WEBHOOK_SECRET_2", "second",
                "TERRA_TESTING_WEBHOOK_SECRET_3", "third"));

    assertThat(generations(report)).containsExactly("3=third", "2=second", "1=first");
    assertThat(report.signingSecrets().get(0).origin().description())
        .isEqualTo("env TERRA_TESTING_WEBHOOK_SECRET_3");
  }

  @Test
  void listAndNumberedKeysTogetherAreRefused() {
    EnvironmentReport report =
        inspect(
            Map.of("TERRA_TESTING_WEBHOOK_SECRET", "a,b", "TERRA_TESTING_WEBHOOK_SECRET_2", "c"));

    assertThat(report.errors())
        .extracting(Problem::message)
        .containsExactly(
            "webhook signing secrets of testing: env TERRA_TESTING_WEBHOOK_SECRET holds a"
                + " comma-separated list and env TERRA_TESTING_WEBHOOK_SECRET_2 a numbered key; use"
                + " one form, not both");
  }

  @Test
  void numberingStartsAtTwo() {
    EnvironmentReport report = inspect(Map.of("TERRA_TESTING_WEBHOOK_SECRET_1", "a"));

    assertThat(report.errors())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("start at _2");
  }

  @Test
  void emptyListEntryNamesItsPosition() {
    EnvironmentReport report = inspect(Map.of("TERRA_TESTING_WEBHOOK_SECRET", "a,,b"));

    assertThat(report.errors())
        .extracting(Problem::message)
        .containsExactly(
            "webhook signing secret of testing from env TERRA_TESTING_WEBHOOK_SECRET (entry 2 of the"
                + " list) is empty: fill it in, or delete the line so a lower source applies");
  }

  @Test
  void higherSourceSuppliesTheWholeRotationAndShadowsLowerOnes() throws IOException {
    Files.writeString(
        directory.resolve(".env.terra.testing"),
        "TERRA_TESTING_WEBHOOK_SECRET=file-1\nTERRA_TESTING_WEBHOOK_SECRET_2=file-2\n");

    EnvironmentReport report = inspect(Map.of("TERRA_WEBHOOK_SECRET", "env-1"));

    assertThat(generations(report)).containsExactly("1=env-1");
    assertThat(report.signingSecretsShadowed())
        .extracting(Origin::description)
        .containsExactlyInAnyOrder(".env.terra.testing:1", ".env.terra.testing:2");
  }

  @Test
  void repeatedSecretIsAWarning() {
    EnvironmentReport report = inspect(Map.of("TERRA_TESTING_WEBHOOK_SECRET", "same,same"));

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .extracting(Problem::message)
        .anyMatch(m -> m.contains("listed twice"));
  }

  @Test
  void noSigningSecretIsAWarningForCredentialsAndAnErrorForSigningSecrets() {
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .environmentVariables(
                Map.of("TERRA_TESTING_DEV_ID", "acme", "TERRA_TESTING_API_KEY", "key"))
            .workingDirectory(directory)
            .build();

    assertThat(loader.load(Environment.TESTING).signingSecrets()).isEmpty();
    assertThat(loader.inspect(Environment.TESTING).warnings())
        .extracting(Problem::message)
        .anyMatch(m -> m.startsWith("no webhook signing secret for testing"));
    assertThatThrownBy(() -> loader.signingSecrets(Environment.TESTING))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "no webhook signing secret for testing; looked in: explicit, system property"
                + " terra.testing.webhook-secret, system property terra.webhook-secret, env"
                + " TERRA_TESTING_WEBHOOK_SECRET, env TERRA_WEBHOOK_SECRET,")
        .hasMessageContaining("TERRA_TESTING_WEBHOOK_SECRET_2, _3");
  }

  @Test
  void explicitValuesCanCarryARotation() {
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .workingDirectory(directory)
            .explicit(Environment.STAGING, Setting.DEV_ID, "acme-staging-0000")
            .explicit(Environment.STAGING, Setting.API_KEY, "fake-api-key-staging-0000")
            .explicit(Environment.STAGING, Setting.WEBHOOK_SECRET, "old,new")
            .build();

    assertThat(loader.signingSecrets(Environment.STAGING))
        .extracting(SigningSecret::generation)
        .containsExactly(2, 1);
  }

  @Test
  void signingSecretsNeedNoDevIdOrApiKeyButStillHonourTheGuards() {
    Map<String, String> onlySecrets =
        Map.of(
            "TERRA_TESTING_WEBHOOK_SECRET", "fake-signing-secret-testing-0000",
            "TERRA_STAGING_WEBHOOK_SECRET", "fake-signing-secret-staging-0000");
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .environmentVariables(onlySecrets)
            .workingDirectory(directory)
            .build();

    assertThat(loader.signingSecrets(Environment.TESTING))
        .extracting(s -> s.secret().reveal())
        .containsExactly("fake-signing-secret-testing-0000");
    assertThatThrownBy(() -> loader.load(Environment.TESTING))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dev-id of testing not found");

    CredentialsLoader shared =
        CredentialsLoader.builder()
            .environmentVariables(
                Map.of(
                    "TERRA_TESTING_WEBHOOK_SECRET", "fake-signing-secret-shared-0000",
                    "TERRA_STAGING_WEBHOOK_SECRET", "fake-signing-secret-shared-0000"))
            .workingDirectory(directory)
            .build();
    assertThatThrownBy(() -> shared.signingSecrets(Environment.TESTING))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("fake-signing-secret-shared-0000");
  }
}
