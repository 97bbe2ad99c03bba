package dev.terraauth.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.Cli;
import dev.terraauth.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCommandTest {
  private static final Map<String, String> TESTING =
      Map.of(
          "TERRA_TESTING_DEV_ID", "acme-testing-0000",
          "TERRA_TESTING_API_KEY", "fake-api-key-testing-0000",
          "TERRA_TESTING_WEBHOOK_SECRET", "fake-secret-testing-old,fake-secret-testing-new");

  @TempDir Path directory;

  private void writePrivate(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void listShowsEveryEnvironmentAndWhetherItIsComplete() {
    CliRun run = Cli.run(TESTING, directory, "env", "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern(
            "testing +complete +acme-testing-0000 +[0-9a-f]{8} +2 +https://access.tryterra.co/api/v2")
        .containsPattern("staging +incomplete \\(2 problems\\) +- +- +0")
        .containsPattern(
            "local +complete +terra-auth-local-dev +[0-9a-f]{8} +1 +http://127.0.0.1:8789/api/v2");
  }

  @Test
  void showMasksSecretsAndGivesProvenanceAndShadowedSources() throws IOException {
    writePrivate(
        ".env.terra.testing",
        "TERRA_TESTING_DEV_ID=acme-from-file\nTERRA_TESTING_API_URL=legacy\n");

    CliRun run = Cli.run(TESTING, directory, "env", "show", "--env", "testing");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Environment testing (file .env.terra.testing, secrets directory none)")
        .containsPattern(
            "dev-id +acme-testing-0000 +env TERRA_TESTING_DEV_ID +.env.terra.testing:1")
        .containsPattern(
            "API key +\\*{8} \\(fingerprint [0-9a-f]{8}\\) +env TERRA_TESTING_API_KEY +-")
        .containsPattern(
            "webhook secret #2 +\\*{8} \\(fingerprint [0-9a-f]{8}\\) +env TERRA_TESTING_WEBHOOK_SECRET")
        .containsPattern("webhook secret #1 +\\*{8}")
        .containsPattern("REST base URL +https://api.tryterra.co/v2 +.env.terra.testing:2 +default")
        .doesNotContain("fake-api-key-testing-0000");
  }

  @Test
  void showReadsTheSecretsDirectoryAndConfigDirectoryOptions() throws IOException {
    writePrivate("conf/.env.terra.staging", "TERRA_STAGING_DEV_ID=acme-staging-0000\n");
    writePrivate("run/terra_staging_api_key", "fake-api-key-staging-0000\n");

    CliRun run =
        Cli.run(
            Map.of(),
            directory,
            "env",
            "show",
            "--env",
            "staging",
            "--config-dir",
            "conf",
            "--secrets-dir",
            "run");

    assertThat(run.out())
        .containsPattern("dev-id +acme-staging-0000 +conf/.env.terra.staging:1")
        .containsPattern(
            "API key +\\*{8} \\(fingerprint [0-9a-f]{8}\\) +run/terra_staging_api_key");
  }

  @Test
  void directoriesAlsoComeFromEnvironmentVariables() throws IOException {
    writePrivate("conf/.env.terra.staging", "TERRA_STAGING_DEV_ID=acme-staging-0000\n");
    writePrivate("run/terra_staging_api_key", "fake-api-key-staging-0000\n");

    CliRun run =
        Cli.run(
            Map.of(
                "TERRA_AUTH_CONFIG_DIR",
                "conf",
                "TERRA_AUTH_SECRETS_DIR",
                directory.resolve("run").toString()),
            directory,
            "env",
            "check",
            "--env",
            "staging");

    assertThat(run.out())
        .startsWith("staging: ok (dev-id, API key, 0 webhook signing secrets; 1 warning)");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void checkPassesACompleteEnvironment() {
    CliRun run = Cli.run(TESTING, directory, "env", "check", "--env", "testing");

    assertThat(run.out()).isEqualTo("testing: ok (dev-id, API key, 2 webhook signing secrets)\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void checkFailsWithEveryProblemAndItsFix() throws IOException {
    writePrivate(".env.terra.production", "TERRA_PRODUCTION_API_KEY=\" fake-api-key-prod-0000\"\n");

    CliRun run = Cli.run(TESTING, directory, "env", "check", "--env", "production");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("production: 2 errors, 1 warning\n")
        .contains("error: dev-id of production not found; looked in: explicit,")
        .contains("Fix: set TERRA_PRODUCTION_DEV_ID")
        .contains(
            "error: API key of production from .env.terra.production:1 has leading or trailing whitespace")
        .contains("warning: no webhook signing secret for production");
  }

  @Test
  void strictTreatsWarningsAsProblems() {
    Map<String, String> noSecrets =
        Map.of("TERRA_TESTING_DEV_ID", "acme", "TERRA_TESTING_API_KEY", "key");

    assertThat(Cli.run(noSecrets, directory, "env", "check", "--env", "testing").exitCode())
        .isZero();
    assertThat(
            Cli.run(noSecrets, directory, "env", "check", "--env", "testing", "--strict")
                .exitCode())
        .isEqualTo(1);
  }

  @Test
  void checkPrintsJson() throws IOException {
    writePrivate(".env.terra.testing", "TERRA_TESTING_API_KEY=fake-api-key-from-file\n");

    CliRun run = Cli.run(TESTING, directory, "env", "check", "--env", "testing", "--json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isZero();
    assertThat(json.get("environment").asText()).isEqualTo("testing");
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("errors")).isEmpty();
    JsonNode apiKey = json.get("values").get(1);
    assertThat(apiKey.get("setting").asText()).isEqualTo("api_key");
    assertThat(apiKey.get("source").asText()).isEqualTo("env TERRA_TESTING_API_KEY");
    assertThat(apiKey.get("shadowed").get(0).asText()).isEqualTo(".env.terra.testing:1");
    assertThat(apiKey.get("fingerprint").asText()).hasSize(8);
    assertThat(apiKey.has("value")).isFalse();
    assertThat(run.out()).doesNotContain("fake-api-key");
  }

  @Test
  void missingOrUnknownEnvironmentIsAUsageError() {
    CliRun missing = Cli.run(TESTING, directory, "env", "check");
    CliRun unknown = Cli.run(TESTING, directory, "env", "check", "--env", "prod");

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .contains("no environment chosen: add --env testing|staging|production|local");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("unknown environment 'prod': use one of testing, staging, production, local");
  }

  @Test
  void initWritesAPrivateTemplateAndIgnoresItInGit() throws IOException {
    Files.writeString(directory.resolve(".gitignore"), "target/");

    CliRun run = Cli.run(Map.of(), directory, "env", "init", "--env", "staging");

    Path file = directory.resolve(".env.terra.staging");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("wrote .env.terra.staging (mode 600)")
        .contains("added .env.terra.staging to .gitignore");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .contains("TERRA_STAGING_DEV_ID=\n")
        .contains("TERRA_STAGING_API_KEY=\n");
    assertThat(Files.readString(directory.resolve(".gitignore")))
        .isEqualTo("target/\n# terra-auth credentials (never commit)\n.env.terra.staging\n");
    CliRun check = Cli.run(Map.of(), directory, "env", "check", "--env", "staging");
    assertThat(check.out()).contains("error: dev-id of staging from .env.terra.staging:4 is empty");
  }

  @Test
  void initNeverOverwritesAndDoesNotDuplicateIgnoreLines() throws IOException {
    Files.writeString(directory.resolve(".gitignore"), ".env.terra.*\n");
    writePrivate(".env.terra.testing", "TERRA_TESTING_DEV_ID=mine\n");

    CliRun again = Cli.run(Map.of(), directory, "env", "init", "--env", "testing");
    CliRun other = Cli.run(Map.of(), directory, "env", "init", "--env", "local");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains(".env.terra.testing already exists and was left untouched");
    assertThat(Files.readString(directory.resolve(".env.terra.testing")))
        .isEqualTo("TERRA_TESTING_DEV_ID=mine\n");
    assertThat(other.exitCode()).isZero();
    assertThat(other.out()).contains(".env.terra.local is already covered by .gitignore");
    assertThat(Files.readString(directory.resolve(".gitignore"))).isEqualTo(".env.terra.*\n");
    assertThat(Cli.run(Map.of(), directory, "env", "check", "--env", "local").exitCode()).isZero();
  }

  @Test
  void secretsOnTheCommandLineAreRefusedWithWhereToPutThem() {
    for (String option :
        new String[] {"--api-key=fake-typed-key", "--webhook-secret", "--signing-secret"}) {
      CliRun run = Cli.run(Map.of(), directory, "env", "show", "--env", "testing", option);

      assertThat(run.exitCode()).as(option).isEqualTo(2);
      assertThat(run.err())
          .contains("secrets are never accepted as command-line arguments")
          .contains(".env.terra.<env>")
          .doesNotContain("fake-typed-key");
    }
  }

  @Test
  void helpDocumentsOutputAndExitCodes() {
    assertThat(Cli.run(Map.of(), directory, "env", "--help").out())
        .contains("list")
        .contains("TERRA_<ENV>_API_URL");
    assertThat(Cli.run(Map.of(), directory, "env", "check", "--help").out())
        .contains("Exit codes: 0 no errors")
        .contains("1 problems found")
        .contains("--json");
    assertThat(Cli.run(Map.of(), directory, "env", "init", "--help").out())
        .contains("1 the file already");
    assertThat(Cli.run(Map.of(), directory, "--help").out())
        .contains("--config-dir=DIR")
        .contains("--secrets-dir=DIR")
        .contains("TERRA_AUTH_CONFIG_DIR")
        .doesNotContain("--api-key");
  }

  @Test
  void rootCredentialsAccessorsUseTheRealLoader() throws IOException {
    writePrivate(
        ".env.terra.staging",
        "TERRA_STAGING_DEV_ID=acme-staging-0000\nTERRA_STAGING_API_KEY=fake-key-staging\n");
    dev.terraauth.cli.TerraAuthCommand root =
        (dev.terraauth.cli.TerraAuthCommand)
            dev.terraauth.cli.TerraAuthCli.create(
                    new dev.terraauth.cli.CliContext(TESTING, new Properties(), directory))
                .getCommand();

    assertThat(root.credentials(dev.terraauth.core.config.Environment.STAGING).devId())
        .isEqualTo("acme-staging-0000");
    assertThat(root.signingSecrets(dev.terraauth.core.config.Environment.TESTING)).hasSize(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> root.signingSecrets(dev.terraauth.core.config.Environment.STAGING))
        .isInstanceOf(dev.terraauth.core.error.ConfigException.class)
        .hasMessageContaining("no webhook signing secret for staging");
  }

  @Test
  void secretsFromSystemPropertiesAreRefusedOnTheCommandLine() {
    Properties properties = new Properties();
    properties.setProperty("terra.testing.api-key", "fake-api-key-from-property");

    CliRun run = Cli.run(TESTING, properties, directory, "env", "check", "--env", "testing");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "error: system property terra.testing.api-key holds a secret; set with -D it is a"
                + " command-line argument")
        .doesNotContain("fake-api-key-from-property");
  }
}
