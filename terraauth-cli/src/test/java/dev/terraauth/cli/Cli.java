package dev.terraauth.cli;

import dev.terraauth.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The CLI under test, run in-process against given variables, properties and directory, with the
 * command tree the real entry point builds for those arguments (only the command they name, or only
 * the summaries for the root usage), so every test runs the tree users get.
 */
public final class Cli {
  private Cli() {}

  public static CliRun run(Map<String, String> variables, Path workingDirectory, String... args) {
    return run(variables, new Properties(), workingDirectory, args);
  }

  public static CliRun run(
      Map<String, String> variables, Properties properties, Path workingDirectory, String... args) {
    return CliRun.of(
        TerraAuthCli.create(new CliContext(variables, properties, workingDirectory), args), args);
  }

  /** As {@link #run(Map, Path, String...)}, with {@code stdin} as standard input. */
  public static CliRun runWithInput(
      Map<String, String> variables, Path workingDirectory, byte[] stdin, String... args) {
    return CliRun.of(
        TerraAuthCli.create(
            new CliContext(
                variables, new Properties(), workingDirectory, new ByteArrayInputStream(stdin)),
            args),
        args);
  }
}
