package dev.terraauth.cli.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.terraauth.cli.Cli;
import dev.terraauth.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against configuration files that used to hang it (a FIFO), exhaust it ({@code /dev/zero})
 * or flood its output (a 10 MB URL). The timeout only turns a hang into a failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileConfigCliTest {
  @TempDir Path directory;

  @Test
  void aFifoDotenvIsAnErrorForEnvCheckAndDoesNotBlockOtherCommands() throws Exception {
    Path fifo = directory.resolve(".env.terra.testing");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    CliRun check = Cli.run(Map.of(), directory, "env", "check", "--env", "testing");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out())
        .contains(".env.terra.testing is a FIFO (named pipe), not a regular file");
    CliRun list = Cli.run(Map.of(), directory, "env", "list");
    assertThat(list.exitCode()).isZero();
  }

  @Test
  void envCheckSaysWhereASymlinkPoints() throws Exception {
    Path real = directory.resolve("shared/testing.env");
    Files.createDirectories(real.getParent());
    Files.writeString(
        real,
        "TERRA_TESTING_DEV_ID=acme-testing-0000\nTERRA_TESTING_API_KEY=fake-api-key-testing-0000\n"
            + "TERRA_TESTING_WEBHOOK_SECRET=fake-secret-testing-0000\n");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(directory.resolve(".env.terra.testing"), real);
    CliRun check = Cli.run(Map.of(), directory, "env", "check", "--env", "testing");
    assertThat(check.out())
        .contains("note: .env.terra.testing is a symbolic link to " + real)
        .contains("testing: ok");
    Files.delete(directory.resolve(".env.terra.testing"));
    Files.createSymbolicLink(directory.resolve(".env.terra.testing"), Path.of("/dev/zero"));
    CliRun zero = Cli.run(Map.of(), directory, "env", "check", "--env", "testing");
    assertThat(zero.exitCode()).isEqualTo(1);
    assertThat(zero.out()).contains("a symbolic link to /dev/zero").contains("character device");
  }

  @Test
  void aTenMegabyteUrlIsNotPrintedAndATenMegabyteKeyIsNotOk() {
    String huge = "x".repeat(10 * 1024 * 1024);
    CliRun show =
        Cli.run(
            Map.of("TERRA_TESTING_API_URL", "https://example.com/" + huge),
            directory,
            "env",
            "show",
            "--env",
            "testing");
    assertThat(show.all().length()).isLessThan(20_000);
    assertThat(show.all()).contains("longer than 4096 characters");
    CliRun check =
        Cli.run(
            Map.of(
                "TERRA_TESTING_DEV_ID", "acme-testing-0000",
                "TERRA_TESTING_API_KEY", huge,
                "TERRA_TESTING_WEBHOOK_SECRET", "fake-secret-testing-0000"),
            directory,
            "env",
            "check",
            "--env",
            "testing");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("API key of testing from env TERRA_TESTING_API_KEY is longer");
    assertThat(check.all().length()).isLessThan(20_000);
  }
}
