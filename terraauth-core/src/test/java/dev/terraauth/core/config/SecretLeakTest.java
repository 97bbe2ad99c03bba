package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.terraauth.core.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the loader through every path (valid, malformed, duplicated, unsafe, reloaded) with known
 * fake secrets and proves none of them shows up in any toString, exception message or log line.
 */
class SecretLeakTest {
  /** Distinctive fake secrets; each must never appear, not even its first 12 characters. */
  private static final List<String> SECRETS =
      List.of(
          "fake-leak-apikey-testing-7f3a9c",
          "fake-leak-signing-old-2b8e4d",
          "fake-leak-signing-new-9c1f0a",
          "fake-leak-apikey-staging-4e6b2d",
          "fake-leak-apikey-prod-0d9e8f",
          "fake-leak-badquote-5a5a5a",
          "fake-leak-bareline-6c6c6c",
          "fake-leak-sysprop-7d7d7d");

  @TempDir Path directory;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> captured = new ArrayList<>();
  private Logger root;
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logs);
    root.setLevel(previousLevel);
  }

  @Test
  void noSecretAppearsInToStringExceptionMessagesOrLogs() throws IOException {
    writePrivate(
        ".env.terra.testing",
        "TERRA_TESTING_DEV_ID=acme-testing-0000\n"
            + "TERRA_TESTING_API_KEY=fake-leak-apikey-testing-7f3a9c\n"
            + "TERRA_TESTING_WEBHOOK_SECRET=fake-leak-signing-old-2b8e4d,fake-leak-signing-new-9c1f0a\n");
    Path staging = directory.resolve(".env.terra.staging");
    Files.writeString(
        staging,
        "TERRA_STAGING_DEV_ID=acme-staging-0000\n"
            + "TERRA_STAGING_API_KEY=\"'fake-leak-badquote-5a5a5a'\"\n"
            + "fake-leak-bareline-6c6c6c\n"
            + "TERRA_STAGING_WEBHOOK_SECRET=\" fake-leak-signing-old-2b8e4d\"\n");
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-r--r--"));
    Properties properties = new Properties();
    properties.setProperty("terra.production.api-key", "fake-leak-sysprop-7d7d7d");
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .workingDirectory(directory)
            .systemProperties(properties)
            .gitCommand("git-not-installed-here")
            .environmentVariables(
                Map.of(
                    "TERRA_PRODUCTION_DEV_ID", "acme-prod-0000",
                    "TERRA_PRODUCTION_WEBHOOK_SECRET", "fake-leak-signing-new-9c1f0a",
                    "TERRA_LOCAL_API_KEY", "fake-leak-apikey-staging-4e6b2d\n",
                    "TERRA_PRODUCTION_API_KEY", "fake-leak-apikey-prod-0d9e8f"))
            .build();

    for (Environment environment : Environment.values()) {
      EnvironmentReport report = loader.inspect(environment);
      captured.add(report.toString());
      report.problems().forEach(problem -> captured.add(problem.toString()));
      report.values().values().forEach(value -> captured.add(value + " " + value.display()));
      report
          .signingSecrets()
          .forEach(secret -> captured.add(secret + " " + secret.signingSecret().label()));
      capture(() -> captured.add(loader.load(environment).toString()));
      capture(() -> captured.add(loader.signingSecrets(environment).toString()));
    }
    for (ValueSource source : loader.sourcesFor(Environment.TESTING)) {
      captured.add(source.values().toString());
    }
    captured.add(DotenvFile.parse(Files.readString(staging)).entries().toString());
    captured.add(DotenvFile.parse(Files.readString(staging)).problems().toString());

    ReloadingCredentials reloading =
        ReloadingCredentials.builder(
                CredentialsLoader.builder().workingDirectory(directory).build(),
                Environment.TESTING)
            .clock(Clock.systemUTC())
            .checkInterval(Duration.ZERO)
            .build();
    writePrivate(".env.terra.testing", "TERRA_TESTING_API_KEY=\"fake-leak-apikey-testing-7f3a9c\n");
    captured.add(reloading.current().toString());
    reloading.lastReloadProblem().ifPresent(captured::add);
    writePrivate(
        ".env.terra.testing",
        "TERRA_TESTING_DEV_ID=acme-testing-0000\nTERRA_TESTING_API_KEY=other-key\n"
            + "TERRA_TESTING_WEBHOOK_SECRET=fake-leak-signing-new-9c1f0a\n");
    captured.add(reloading.current().toString());
    captured.add(reloading.acceptedSigningSecrets().toString());

    logs.list.forEach(event -> captured.add(event.getFormattedMessage()));
    assertThat(logs.list).isNotEmpty();
    assertThat(captured).anyMatch(text -> text.contains("fingerprint"));
    String everything = String.join("\n", captured);
    assertThat(everything) // the risky paths really ran
        .contains("still has quote characters")
        .contains(".env.terra.staging:3: not a KEY=value line")
        .contains("has leading or trailing whitespace")
        .contains("is the same as the one of")
        .contains("readable by others")
        .contains("keeping the previous credentials")
        .contains("retired");
    for (String secret : SECRETS) {
      assertThat(everything).doesNotContain(secret).doesNotContain(secret.substring(0, 12 + 4));
    }
  }

  private void capture(Runnable action) {
    try {
      action.run();
    } catch (ConfigException e) {
      captured.add(e.getMessage());
      captured.add(e.toString());
    }
  }

  private void writePrivate(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
