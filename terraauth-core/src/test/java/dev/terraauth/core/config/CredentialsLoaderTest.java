package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.error.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsLoaderTest {
  @TempDir Path directory;

  private CredentialsLoader.Builder loader(Map<String, String> environment) {
    return CredentialsLoader.builder()
        .environmentVariables(environment)
        .workingDirectory(directory)
        .gitCommand("git-not-installed-here");
  }

  private void write(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static Properties properties(String name, String value) {
    Properties properties = new Properties();
    properties.setProperty(name, value);
    return properties;
  }

  @Test
  void loadsCompleteCredentialsFromEnvironmentVariables() {
    TerraCredentials credentials =
        loader(
                Map.of(
                    "TERRA_TESTING_DEV_ID", "acme-testing-0000",
                    "TERRA_TESTING_API_KEY", "fake-api-key-testing-0000",
                    "TERRA_TESTING_WEBHOOK_SECRET", "fake-signing-secret-testing-0000"))
            .build()
            .load(Environment.TESTING);

    assertThat(credentials.devId()).isEqualTo("acme-testing-0000");
    assertThat(credentials.apiKey().reveal()).isEqualTo("fake-api-key-testing-0000");
    assertThat(credentials.signingSecrets())
        .singleElement()
        .extracting(SigningSecret::generation)
        .isEqualTo(1);
    assertThat(credentials.apiBaseUrl()).isEqualTo(TerraCredentials.CURRENT_API_URL);
    assertThat(credentials.widgetSessionUrl())
        .isEqualTo(TerraCredentials.DEFAULT_WIDGET_SESSION_URL);
  }

  /** Each row: which sources set the API key; the expected winner and what it shadows. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "explicit,property,env,dotenv,secrets | explicit | system property terra.testing.api-key;env TERRA_TESTING_API_KEY;.env.terra.testing:1;secrets/terra_testing_api_key",
        "property,env,dotenv,secrets | system property terra.testing.api-key | env TERRA_TESTING_API_KEY;.env.terra.testing:1;secrets/terra_testing_api_key",
        "env,dotenv,secrets | env TERRA_TESTING_API_KEY | .env.terra.testing:1;secrets/terra_testing_api_key",
        "dotenv,secrets | .env.terra.testing:1 | secrets/terra_testing_api_key",
        "secrets | secrets/terra_testing_api_key | ",
        "unscopedEnv,dotenv | env TERRA_TESTING_API_KEY | env TERRA_API_KEY;.env.terra.testing:1",
        "property,unscopedEnv | system property terra.testing.api-key | env TERRA_API_KEY",
        "unscopedEnvOnly,dotenv | env TERRA_API_KEY | .env.terra.testing:1",
      })
  void precedenceAndProvenance(String sources, String winner, String shadowed) throws IOException {
    List<String> set = List.of(sources.split(","));
    CredentialsLoader.Builder builder =
        loader(environmentFor(set)).secretsDirectory(Path.of("secrets"));
    if (set.contains("explicit")) {
      builder.explicit(Environment.TESTING, Setting.API_KEY, "key-explicit");
    }
    if (set.contains("property")) {
      builder.systemProperties(properties("terra.testing.api-key", "key-property"));
    }
    if (set.contains("dotenv")) {
      write(
          ".env.terra.testing",
          "TERRA_TESTING_API_KEY=key-dotenv\nTERRA_TESTING_DEV_ID=acme-testing-0000\n");
    }
    if (set.contains("secrets")) {
      write("secrets/terra_testing_api_key", "key-secrets\n");
    }

    ResolvedValue key =
        builder.build().inspect(Environment.TESTING).value(Setting.API_KEY).orElseThrow();

    assertThat(key.origin().description()).isEqualTo(winner);
    assertThat(key.value().reveal()).isEqualTo(expectedValue(winner));
    List<String> expectedShadowed = shadowed == null ? List.of() : List.of(shadowed.split(";"));
    assertThat(key.shadowed())
        .extracting(Origin::description)
        .containsExactlyElementsOf(expectedShadowed);
  }

  private static Map<String, String> environmentFor(List<String> set) {
    if (set.contains("unscopedEnvOnly")) {
      return Map.of("TERRA_API_KEY", "key-unscoped");
    }
    if (set.contains("unscopedEnv")) {
      return set.contains("property")
          ? Map.of("TERRA_API_KEY", "key-unscoped")
          : Map.of("TERRA_TESTING_API_KEY", "key-env", "TERRA_API_KEY", "key-unscoped");
    }
    return set.contains("env") ? Map.of("TERRA_TESTING_API_KEY", "key-env") : Map.of();
  }

  private static String expectedValue(String winner) {
    return switch (winner) {
      case "explicit" -> "key-explicit";
      case "system property terra.testing.api-key" -> "key-property";
      case "env TERRA_TESTING_API_KEY" -> "key-env";
      case "env TERRA_API_KEY" -> "key-unscoped";
      case ".env.terra.testing:1" -> "key-dotenv";
      default -> "key-secrets";
    };
  }

  @Test
  void scopedVariableBeatsUnscopedWithinOneSource() {
    EnvironmentReport report =
        loader(Map.of("TERRA_DEV_ID", "acme-unscoped", "TERRA_TESTING_DEV_ID", "acme-testing-0000"))
            .build()
            .inspect(Environment.TESTING);

    ResolvedValue devId = report.value(Setting.DEV_ID).orElseThrow();
    assertThat(devId.value().reveal()).isEqualTo("acme-testing-0000");
    assertThat(devId.shadowed())
        .extracting(Origin::description)
        .containsExactly("env TERRA_DEV_ID");
  }

  @Test
  void missingValuesNameEveryPlaceLookedAllAtOnce() {
    CredentialsLoader loader = loader(Map.of()).secretsDirectory(Path.of("secrets")).build();

    assertThatThrownBy(() -> loader.load(Environment.STAGING))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("2 problems")
        .hasMessageContaining(
            "dev-id of staging not found; looked in: explicit, system property terra.staging.dev-id,"
                + " system property terra.dev-id, env TERRA_STAGING_DEV_ID, env TERRA_DEV_ID,"
                + " TERRA_STAGING_DEV_ID in .env.terra.staging (no such file), TERRA_DEV_ID in"
                + " .env.terra.staging (no such file), secrets/terra_staging_dev_id (no such"
                + " directory), secrets/terra_dev_id (no such directory)")
        .hasMessageContaining("API key of staging not found; looked in: explicit")
        .hasMessageContaining("Fix: set TERRA_STAGING_API_KEY")
        .hasMessageContaining("terra-auth env check --env staging");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'TERRA_TESTING_API_KEY='                 | is empty",
        "'TERRA_TESTING_API_KEY=\" abc\"'         | has leading or trailing whitespace",
        "'TERRA_TESTING_API_KEY=\"\\\"abc\\\"\"'  | still has quote characters",
        "'TERRA_TESTING_API_KEY=abc\"'            | still has quote characters",
        "'TERRA_TESTING_API_KEY=\"ab\\ncd\"'      | contains a control character",
        "'TERRA_TESTING_API_KEY=\"ab cd\"'        | contains whitespace",
      })
  void malformedValuesNameFileAndLine(String line, String problem) throws IOException {
    write(
        ".env.terra.testing", "# comment\nTERRA_TESTING_DEV_ID=acme-testing-0000\n" + line + "\n");

    EnvironmentReport report = loader(Map.of()).build().inspect(Environment.TESTING);

    assertThat(report.errors())
        .extracting(Problem::message)
        .containsExactly(
            "API key of testing from .env.terra.testing:3 " + messageStartingWith(report, problem));
  }

  private static String messageStartingWith(EnvironmentReport report, String problem) {
    String message = report.errors().get(0).message();
    assertThat(message).contains(problem);
    return message.substring(message.indexOf(problem));
  }

  @Test
  void malformedEnvironmentVariableNamesTheVariable() {
    EnvironmentReport report =
        loader(Map.of("TERRA_TESTING_DEV_ID", "acme", "TERRA_TESTING_API_KEY", "key\t"))
            .build()
            .inspect(Environment.TESTING);

    assertThat(report.errors())
        .extracting(Problem::message)
        .containsExactly(
            "API key of testing from env TERRA_TESTING_API_KEY has leading or trailing whitespace: remove it");
  }

  @Test
  void unparsableDotenvLineIsAnErrorWithItsLineNumberButNotItsText() throws IOException {
    write(".env.terra.testing", "TERRA_TESTING_DEV_ID=acme\nthis-is-a-bare-secret-value\n");

    EnvironmentReport report =
        loader(Map.of("TERRA_TESTING_API_KEY", "k")).build().inspect(Environment.TESTING);

    assertThat(report.errors())
        .extracting(Problem::message)
        .containsExactly(".env.terra.testing:2: not a KEY=value line");
  }

  @Test
  void localDefaultsToTheEmulatorAccountAndIgnoresUnscopedVariables() {
    EnvironmentReport report =
        loader(Map.of("TERRA_API_KEY", "a-real-looking-key")).build().inspect(Environment.LOCAL);

    TerraCredentials credentials = report.credentials();
    assertThat(credentials.devId()).isEqualTo("terra-auth-local-dev");
    assertThat(credentials.apiKey().reveal()).isEqualTo("local-api-key-not-secret-0000");
    assertThat(credentials.signingSecrets())
        .singleElement()
        .satisfies(
            s -> assertThat(s.secret().reveal()).isEqualTo("local-signing-secret-not-secret-0000"));
    assertThat(credentials.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8789/api/v2"));
    assertThat(credentials.widgetSessionUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8789/api/widget/session"));
    assertThat(report.value(Setting.API_KEY).orElseThrow().origin().description())
        .isEqualTo("built-in local default");
  }

  @Test
  void localDefaultsAreOverridableLikeAnyEnvironment() {
    TerraCredentials credentials =
        loader(Map.of("TERRA_LOCAL_API_KEY", "other-local-key", "TERRA_LOCAL_API_URL", "legacy"))
            .build()
            .load(Environment.LOCAL);

    assertThat(credentials.apiKey().reveal()).isEqualTo("other-local-key");
    assertThat(credentials.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8789/v2"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "legacy, https://api.tryterra.co/v2",
    "current, https://access.tryterra.co/api/v2",
    "https://proxy.example.com/terra/v2, https://proxy.example.com/terra/v2",
    "http://127.0.0.1:9999/api/v2, http://127.0.0.1:9999/api/v2",
  })
  void apiUrlIsSelectable(String setting, String expected) {
    TerraCredentials credentials =
        loader(
                Map.of(
                    "TERRA_DEV_ID",
                    "acme",
                    "TERRA_API_KEY",
                    "key",
                    "TERRA_PRODUCTION_API_URL",
                    setting))
            .build()
            .load(Environment.PRODUCTION);

    assertThat(credentials.apiBaseUrl()).isEqualTo(URI.create(expected));
  }

  @Test
  void widgetSessionUrlIsOverridableSeparately() {
    TerraCredentials credentials =
        loader(
                Map.of(
                    "TERRA_DEV_ID", "acme",
                    "TERRA_API_KEY", "key",
                    "TERRA_TESTING_WIDGET_SESSION_URL",
                        "https://access.tryterra.co/widget/api/session"))
            .build()
            .load(Environment.TESTING);

    assertThat(credentials.widgetSessionUrl())
        .isEqualTo(URI.create("https://access.tryterra.co/widget/api/session"));
    assertThat(credentials.apiBaseUrl()).isEqualTo(TerraCredentials.CURRENT_API_URL);
  }

  @Test
  void streamingUrlDefaultsToTerrasStreamingHostAndIsOverridablePerEnvironment() {
    Map<String, String> base =
        Map.of(
            "TERRA_STAGING_DEV_ID", "acme-staging-0000",
            "TERRA_STAGING_API_KEY", "fake-api-key-staging-0000",
            "TERRA_PRODUCTION_DEV_ID", "acme-prod-0000",
            "TERRA_PRODUCTION_API_KEY", "fake-api-key-prod-0000");
    assertThat(loader(base).build().load(Environment.PRODUCTION).streamingUrl())
        .isEqualTo(URI.create("https://ws.tryterra.co"));
    CredentialsLoader proxied =
        loader(merge(base, "TERRA_STAGING_STREAMING_URL", "https://ws-proxy.example")).build();
    assertThat(proxied.load(Environment.STAGING).streamingUrl())
        .isEqualTo(URI.create("https://ws-proxy.example"));
    assertThat(proxied.load(Environment.PRODUCTION).streamingUrl())
        .as("scoped to staging: production keeps the default")
        .isEqualTo(TerraCredentials.DEFAULT_STREAMING_URL);
    assertThat(loader(Map.of()).build().load(Environment.LOCAL).streamingUrl())
        .as("local: the emulator")
        .isEqualTo(URI.create("http://127.0.0.1:8789"));
    EnvironmentReport plain =
        loader(merge(base, "TERRA_PRODUCTION_STREAMING_URL", "http://ws.example"))
            .build()
            .inspect(Environment.PRODUCTION);
    assertThat(plain.errors())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .startsWith("streaming URL of production from env TERRA_PRODUCTION_STREAMING_URL")
        .contains("plain http");
  }

  @Test
  void badUrlsAreRefusedAndPlainHttpToARemoteHostIsRefusedForProduction() {
    Map<String, String> base = Map.of("TERRA_DEV_ID", "acme", "TERRA_API_KEY", "key");
    EnvironmentReport relative =
        loader(merge(base, "TERRA_TESTING_API_URL", "access.tryterra.co/api/v2"))
            .build()
            .inspect(Environment.TESTING);
    EnvironmentReport userInfo =
        loader(merge(base, "TERRA_TESTING_API_URL", "https://u:p@example.com/v2"))
            .build()
            .inspect(Environment.TESTING);
    EnvironmentReport plainTesting =
        loader(merge(base, "TERRA_TESTING_API_URL", "http://example.com/v2"))
            .build()
            .inspect(Environment.TESTING);
    EnvironmentReport plainProduction =
        loader(merge(base, "TERRA_PRODUCTION_API_URL", "http://example.com/v2"))
            .build()
            .inspect(Environment.PRODUCTION);

    assertThat(relative.errors())
        .extracting(Problem::message)
        .anyMatch(m -> m.contains("not an absolute http(s) URL"));
    assertThat(userInfo.errors())
        .extracting(Problem::message)
        .anyMatch(m -> m.contains("must not contain user:password@"));
    assertThat(plainTesting.errors()).isEmpty();
    assertThat(plainTesting.warnings())
        .extracting(Problem::message)
        .anyMatch(m -> m.contains("plain http"));
    assertThat(plainProduction.errors())
        .extracting(Problem::message)
        .anyMatch(m -> m.contains("plain http"));
  }

  private static Map<String, String> merge(Map<String, String> base, String key, String value) {
    java.util.HashMap<String, String> merged = new java.util.HashMap<>(base);
    merged.put(key, value);
    return merged;
  }

  @Test
  void secretsDirectoryFilesLoseOneTrailingNewlineOnly() throws IOException {
    write("run/terra_testing_dev_id", "acme-testing-0000\r\n");
    write("run/terra_testing_api_key", "key-with-blank-line\n\n");

    EnvironmentReport report =
        loader(Map.of())
            .secretsDirectory(directory.resolve("run"))
            .build()
            .inspect(Environment.TESTING);

    assertThat(report.value(Setting.DEV_ID).orElseThrow().value().reveal())
        .isEqualTo("acme-testing-0000");
    assertThat(report.errors())
        .extracting(Problem::message)
        .containsExactly(
            "API key of testing from run/terra_testing_api_key contains a control character (a line break or similar): copy the value again");
  }

  @Test
  void systemPropertyNamesMirrorVariableNames() {
    assertThat(Setting.systemPropertyFor("TERRA_TESTING_API_KEY"))
        .isEqualTo("terra.testing.api-key");
    assertThat(Setting.systemPropertyFor("TERRA_WEBHOOK_SECRET_2"))
        .isEqualTo("terra.webhook-secret.2");
    assertThat(Setting.variableForSystemProperty("terra.production.webhook-secret.3"))
        .isEqualTo("TERRA_PRODUCTION_WEBHOOK_SECRET_3");
  }

  @Test
  void unknownEnvironmentListsTheValidOnes() {
    assertThatThrownBy(() -> Environment.parse("prod"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown environment 'prod': use one of testing, staging, production, local");
  }

  @Test
  void dotenvKeysThatAreNotReadAreWarnings() throws IOException {
    write(
        ".env.terra.testing",
        "TERRA_TESTING_DEV_ID=acme\nTERRA_TESTING_API_KEY=k\nTERRA_PRODUCTION_API_KEY=p\n"
            + "TERRA_TESTNG_API_KEY=t\nTERRA_TESTING_WEBHOOK_SECRET_2=s\nOTHER_TOOL=x\n");
    write(".env.terra.local", "TERRA_API_KEY=u\n");
    CredentialsLoader loader = loader(Map.of()).build();

    assertThat(loader.inspect(Environment.TESTING).warnings())
        .extracting(Problem::message)
        .containsExactlyInAnyOrder(
            ".env.terra.testing:3: TERRA_PRODUCTION_API_KEY is not read for testing; it belongs in"
                + " .env.terra.production: keep each environment's credentials in its own file",
            ".env.terra.testing:4: TERRA_TESTNG_API_KEY is not read for testing; it is not a"
                + " terra-auth name (a typo?)");
    assertThat(loader.inspect(Environment.LOCAL).warnings())
        .extracting(Problem::message)
        .containsExactly(
            ".env.terra.local:1: TERRA_API_KEY is not read for local; local reads only TERRA_LOCAL_* names");
  }

  @Test
  void unreadableFilesAreErrorsNamingTheFile() throws IOException {
    Files.createDirectory(directory.resolve(".env.terra.testing"));
    Files.write(directory.resolve(".env.terra.staging"), new byte[] {'K', '=', (byte) 0xff, '\n'});

    CredentialsLoader loader = loader(Map.of()).secretsDirectory(Path.of("missing")).build();

    assertThat(loader.inspect(Environment.TESTING).errors())
        .extracting(Problem::message)
        .contains(
            ".env.terra.testing is a directory, not a regular file: configuration is only read"
                + " from regular files");
    assertThat(loader.inspect(Environment.STAGING).problems())
        .extracting(Problem::message)
        .contains(
            "cannot read .env.terra.staging: not UTF-8 text",
            "secrets directory missing does not exist");
  }

  @Test
  void invalidUrlSyntaxIsNamed() {
    EnvironmentReport report =
        loader(
                Map.of(
                    "TERRA_DEV_ID",
                    "a",
                    "TERRA_API_KEY",
                    "k",
                    "TERRA_TESTING_WIDGET_SESSION_URL",
                    "https://bad^host/v2"))
            .build()
            .inspect(Environment.TESTING);

    assertThat(report.errors())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .startsWith(
            "widget session URL of testing from env TERRA_TESTING_WIDGET_SESSION_URL is not a valid URL (");
  }
}
