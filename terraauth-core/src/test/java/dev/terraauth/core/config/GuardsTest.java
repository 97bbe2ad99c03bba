package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardsTest {
  @TempDir Path directory;

  private CredentialsLoader.Builder loader(Map<String, String> variables) {
    return CredentialsLoader.builder()
        .environmentVariables(variables)
        .workingDirectory(directory)
        .gitCommand("git-not-installed-here");
  }

  @Test
  void sameApiKeyInTwoEnvironmentsIsRefused() {
    CredentialsLoader loader =
        loader(
                Map.of(
                    "TERRA_TESTING_DEV_ID", "acme-testing-0000",
                    "TERRA_TESTING_API_KEY", "fake-api-key-shared-0000",
                    "TERRA_PRODUCTION_DEV_ID", "acme-prod-0000",
                    "TERRA_PRODUCTION_API_KEY", "fake-api-key-shared-0000"))
            .build();

    assertThat(loader.inspect(Environment.TESTING).errors())
        .extracting(Problem::message)
        .containsExactly(
            "the API key of testing (env TERRA_TESTING_API_KEY) is the same as the one of"
                + " production (env TERRA_PRODUCTION_API_KEY): each Terra environment has its own,"
                + " so this is a copy-paste mistake that would mix environments; copy each from its"
                + " own environment in the Terra dashboard");
    assertThat(loader.inspect(Environment.PRODUCTION).isComplete()).isFalse();
  }

  @Test
  void sameSigningSecretInTwoEnvironmentsIsRefused() {
    EnvironmentReport report =
        loader(
                Map.of(
                    "TERRA_TESTING_DEV_ID", "acme-testing-0000",
                    "TERRA_TESTING_API_KEY", "fake-api-key-testing-0000",
                    "TERRA_TESTING_WEBHOOK_SECRET", "fresh,fake-shared-secret",
                    "TERRA_LOCAL_WEBHOOK_SECRET", "fake-shared-secret"))
            .build()
            .inspect(Environment.TESTING);

    assertThat(report.errors())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .startsWith(
            "the webhook signing secret of testing (env TERRA_TESTING_WEBHOOK_SECRET) is the same as the one of local (env TERRA_LOCAL_WEBHOOK_SECRET)");
  }

  @Test
  void oneUnscopedVariableFeedingSeveralEnvironmentsIsOnlyAWarning() {
    EnvironmentReport report =
        loader(Map.of("TERRA_DEV_ID", "acme", "TERRA_API_KEY", "fake-api-key-0000"))
            .build()
            .inspect(Environment.STAGING);

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .extracting(Problem::message)
        .contains(
            "env TERRA_API_KEY supplies the API key of both staging and testing: fine for a process"
                + " that only uses one environment, otherwise set TERRA_STAGING_API_KEY per environment");
  }

  @Test
  void secretFileReadableByOthersIsAWarningAndRefusedForProduction() throws IOException {
    for (String environment : List.of("testing", "production")) {
      Path file = directory.resolve(".env.terra." + environment);
      String upper = environment.toUpperCase(java.util.Locale.ROOT);
      Files.writeString(
          file,
          "TERRA_"
              + upper
              + "_DEV_ID=acme-"
              + environment
              + "\nTERRA_"
              + upper
              + "_API_KEY=fake-key-"
              + environment
              + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    CredentialsLoader loader = loader(Map.of()).build();

    EnvironmentReport testing = loader.inspect(Environment.TESTING);
    EnvironmentReport production = loader.inspect(Environment.PRODUCTION);

    assertThat(testing.errors()).isEmpty();
    assertThat(testing.warnings())
        .extracting(Problem::message)
        .contains(
            ".env.terra.testing holds secrets of testing and is readable by others (rw-r--r--): run"
                + " chmod 600 .env.terra.testing");
    assertThat(production.errors())
        .extracting(Problem::message)
        .containsExactly(
            ".env.terra.production holds secrets of production and is readable by others"
                + " (rw-r--r--): run chmod 600 .env.terra.production (refused for production)");
  }

  @Test
  void secretsDirectoryFileReadableByGroupIsReported() throws IOException {
    Path secrets = Files.createDirectory(directory.resolve("secrets"));
    Files.writeString(secrets.resolve("terra_testing_api_key"), "fake-api-key-testing-0000");
    Files.setPosixFilePermissions(
        secrets.resolve("terra_testing_api_key"), PosixFilePermissions.fromString("rw-r-----"));

    EnvironmentReport report =
        loader(Map.of("TERRA_TESTING_DEV_ID", "acme"))
            .secretsDirectory(secrets)
            .build()
            .inspect(Environment.TESTING);

    assertThat(report.warnings())
        .extracting(Problem::message)
        .anyMatch(
            m ->
                m.startsWith(
                    "secrets/terra_testing_api_key holds secrets of testing and is readable by its group"));
  }

  @Test
  void dotenvFileThatGitDoesNotIgnoreIsAWarning() throws Exception {
    assumeThat(gitAvailable()).as("git is installed").isTrue();
    git("init", "-q", ".");
    writePrivate(".env.terra.testing", "TERRA_TESTING_DEV_ID=acme\nTERRA_TESTING_API_KEY=k\n");
    CredentialsLoader loader = loader(Map.of()).gitCommand("git").build();

    assertThat(loader.inspect(Environment.TESTING).warnings())
        .extracting(Problem::message)
        .anyMatch(
            m ->
                m.startsWith(
                    ".env.terra.testing is inside a git work tree and git does not ignore it"));

    Files.writeString(directory.resolve(".gitignore"), ".env.terra.*\n");
    assertThat(loader.inspect(Environment.TESTING).warnings())
        .extracting(Problem::message)
        .noneMatch(m -> m.contains("git work tree"));
  }

  @Test
  void gitGuardDegradesWhenGitIsMissingOrNoWorkTree() throws Exception {
    writePrivate(".env.terra.testing", "TERRA_TESTING_DEV_ID=acme\nTERRA_TESTING_API_KEY=k\n");

    EnvironmentReport withoutGit =
        loader(Map.of()).gitCommand("git-not-installed-here").build().inspect(Environment.TESTING);

    assertThat(withoutGit.problems())
        .extracting(Problem::message)
        .noneMatch(m -> m.contains("git"));
    if (gitAvailable()) {
      EnvironmentReport noWorkTree =
          loader(Map.of()).gitCommand("git").build().inspect(Environment.TESTING);
      assertThat(noWorkTree.problems())
          .extracting(Problem::message)
          .noneMatch(m -> m.contains("git"));
    }
  }

  private void writePrivate(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static boolean gitAvailable() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void git(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(arguments));
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }

  @Test
  void secretsFromSystemPropertiesAreAWarningOrRefused() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("terra.testing.webhook-secret", "fake-secret-from-property");
    Map<String, String> variables =
        Map.of("TERRA_TESTING_DEV_ID", "acme", "TERRA_TESTING_API_KEY", "key");

    EnvironmentReport allowed =
        loader(variables).systemProperties(properties).build().inspect(Environment.TESTING);
    EnvironmentReport refused =
        loader(variables)
            .systemProperties(properties)
            .refuseSecretSystemProperties(true)
            .build()
            .inspect(Environment.TESTING);

    assertThat(allowed.errors()).isEmpty();
    assertThat(allowed.warnings())
        .extracting(Problem::message)
        .contains(
            "system property terra.testing.webhook-secret holds a secret; set with -D it is a"
                + " command-line argument that other users can read in the process list: move it to"
                + " the environment variable or .env.terra.testing");
    assertThat(refused.errors())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .endsWith("(refused here)");
  }
}
