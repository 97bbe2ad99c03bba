package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.ReadmeSnippets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library snippets, with a map in place of System.getenv(). */
class ReadmeSnippetTest {
  @Test
  void readmeShowsWhatThisTestRuns() {
    ReadmeSnippets.assertReadmeShows(
        "java", "CredentialsLoader loader", ReadmeSnippetTest.class, "credentials");
  }

  @Test
  void readmeCredentialsSnippetLoadsEveryProblemAtOnceOrTheCredentials() {
    Map<String, String> variables =
        Map.of(
            "TERRA_PRODUCTION_DEV_ID", "acme-prod-0000",
            "TERRA_PRODUCTION_API_KEY", "fake-api-key-prod-0000",
            "TERRA_PRODUCTION_WEBHOOK_SECRET", "fake-signing-secret-prod-0000");
    // README: credentials
    CredentialsLoader loader = CredentialsLoader.builder().environmentVariables(variables).build();
    TerraCredentials production = loader.load(Environment.PRODUCTION);
    // README end
    assertThat(production.devId()).isEqualTo("acme-prod-0000");
    assertThat(production.toString()).doesNotContain("fake-api-key-prod-0000");
  }

  @TempDir Path secrets;

  @Test
  void readmeSnippetWorks() {
    Map<String, String> environment =
        Map.of(
            "TERRA_PRODUCTION_DEV_ID", "acme-prod-0000",
            "TERRA_PRODUCTION_API_KEY", "fake-api-key-prod-0000",
            "TERRA_PRODUCTION_WEBHOOK_SECRET", "fake-old-secret,fake-new-secret");

    // --- README snippet ---
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .environmentVariables(environment) // System.getenv() in main
            .secretsDirectory(secrets) // e.g. Path.of("/run/secrets")
            .build();
    TerraCredentials production = loader.load(Environment.PRODUCTION); // all problems at once

    ReloadingCredentials live =
        ReloadingCredentials.builder(loader, Environment.PRODUCTION)
            .gracePeriod(Duration.ofHours(1)) // old signing secret stays valid after a rotation
            .build();
    List<SigningSecret> accepted = live.acceptedSigningSecrets(); // newest first
    // --- end ---

    assertThat(production.devId()).isEqualTo("acme-prod-0000");
    assertThat(accepted).extracting(SigningSecret::generation).containsExactly(2, 1);
  }
}
