package dev.terraauth.cli;

import dev.terraauth.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The CLI under test, every command registered, run in-process against given variables, properties
 * and directory.
 */
public final class Cli {
  private Cli() {}

  public static CliRun run(Map<String, String> variables, Path workingDirectory, String... args) {
    return run(variables, new Properties(), workingDirectory, args);
  }

  public static CliRun run(
      Map<String, String> variables, Properties properties, Path workingDirectory, String... args) {
    return CliRun.of(
        TerraAuthCli.create(new CliContext(variables, properties, workingDirectory)), args);
  }

  /** As {@link #run(Map, Path, String...)}, with {@code stdin} as standard input. */
  public static CliRun runWithInput(
      Map<String, String> variables, Path workingDirectory, byte[] stdin, String... args) {
    return CliRun.of(
        TerraAuthCli.create(
            new CliContext(
                variables, new Properties(), workingDirectory, new ByteArrayInputStream(stdin))),
        args);
  }
}
