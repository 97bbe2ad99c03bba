package dev.terraauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TerraAuthCliTest {
  @TempDir Path workingDirectory;

  @Test
  void helpListsExitCodes() {
    StringWriter out = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));

    int exitCode = cli.execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("Exit codes:").contains("serve");
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("--no-such-option")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString())
        .contains("--no-such-option")
        .contains("Run 'terra-auth --help' for the options.")
        .doesNotContain("Exit codes:");
  }

  @Test
  void mistypedSubcommandGetsASuggestionAndExitsTwo() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("env", "shwo")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("terra-auth env: ").contains("env show");
  }
}
