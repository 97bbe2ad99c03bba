package dev.terraauth.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.terraauth.cli.Cli;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every env command, on valid and broken configurations, never prints or logs a secret. */
class EnvOutputLeakTest {
  private static final List<String> SECRETS =
      List.of(
          "fake-cli-leak-testing-key-1a1a",
          "fake-cli-leak-signing-2b2b",
          "fake-cli-leak-signing-3c3c",
          "fake-cli-leak-prod-key-4d4d",
          "fake-cli-leak-staging-key-5e5e",
          "fake-cli-leak-typed-6f6f",
          "fake-cli-leak-bare-7a7a");

  @TempDir Path directory;

  @Test
  void noEnvCommandPrintsOrLogsASecret() throws IOException {
    Path testing = directory.resolve(".env.terra.testing");
    Files.writeString(
        testing,
        "TERRA_TESTING_DEV_ID=acme-testing-0000\nTERRA_TESTING_API_KEY=fake-cli-leak-testing-key-1a1a\n"
            + "TERRA_TESTING_WEBHOOK_SECRET=fake-cli-leak-signing-2b2b\n"
            + "TERRA_TESTING_WEBHOOK_SECRET_2=fake-cli-leak-signing-3c3c\n");
    Files.setPosixFilePermissions(testing, PosixFilePermissions.fromString("rw-r--r--"));
    Path staging = directory.resolve(".env.terra.staging");
    Files.writeString(
        staging,
        "TERRA_STAGING_API_KEY=\"fake-cli-leak-staging-key-5e5e \"\nfake-cli-leak-bare-7a7a\n");
    Map<String, String> variables =
        Map.of(
            "TERRA_PRODUCTION_DEV_ID", "acme-prod-0000",
            "TERRA_PRODUCTION_API_KEY", "fake-cli-leak-prod-key-4d4d",
            "TERRA_PRODUCTION_WEBHOOK_SECRET", "fake-cli-leak-signing-3c3c",
            "TERRA_LOCAL_API_URL", "http://emulator.example.com/api/v2");

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previous = root.getLevel();
    root.setLevel(Level.TRACE);
    logs.start();
    root.addAppender(logs);
    List<String> captured = new ArrayList<>();
    try {
      List<String[]> commands = new ArrayList<>();
      commands.add(new String[] {"env", "list"});
      for (Environment environment : Environment.values()) {
        for (String command : List.of("show", "check", "init")) {
          commands.add(new String[] {"env", command, "--env", environment.id()});
        }
        commands.add(
            new String[] {"env", "check", "--json", "--strict", "--env", environment.id()});
      }
      commands.add(
          new String[] {
            "env", "show", "--env", "testing", "--api-key", "fake-cli-leak-typed-6f6f"
          });
      commands.add(new String[] {"env", "check", "--webhook-secret=fake-cli-leak-typed-6f6f"});
      for (String[] command : commands) {
        CliRun run = Cli.run(variables, directory, command);
        captured.add(
            String.join(" ", command).replace("fake-cli-leak-typed-6f6f", "<typed>")
                + "\n"
                + run.all());
      }
      TerraAuthCommand command =
          (TerraAuthCommand)
              TerraAuthCli.create(new CliContext(variables, new Properties(), directory))
                  .getCommand();
      for (Environment environment : Environment.values()) {
        try {
          captured.add(command.credentials(environment).toString());
          captured.add(command.signingSecrets(environment).toString());
        } catch (ConfigException e) {
          captured.add(e.getMessage());
        }
      }
    } finally {
      root.detachAppender(logs);
      root.setLevel(previous);
    }
    logs.list.forEach(event -> captured.add(event.getFormattedMessage()));

    String everything = String.join("\n", captured);
    assertThat(everything) // the risky paths really ran
        .contains("fingerprint")
        .contains("is the same as the one of")
        .contains("has leading or trailing whitespace")
        .contains(".env.terra.staging:2: not a KEY=value line")
        .contains("never accepted as command-line arguments")
        .contains("readable by others");
    assertThat(logs.list).isNotEmpty();
    for (String secret : SECRETS) {
      assertThat(everything).doesNotContain(secret).doesNotContain(secret.substring(0, 16));
    }
  }
}
