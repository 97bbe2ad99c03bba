package dev.terraauth.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What a command may read from the outside world: environment variables, system properties and the
 * working directory. Passed in (never read from globals) so tests run commands against maps and
 * temporary directories.
 */
public record CliContext(
    Map<String, String> environmentVariables, Properties systemProperties, Path workingDirectory) {
  public CliContext {
    environmentVariables = Map.copyOf(environmentVariables);
    Properties copy = new Properties();
    copy.putAll(systemProperties);
    systemProperties = copy;
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** The context of the running process. */
  public static CliContext ofProcess() {
    return new CliContext(System.getenv(), System.getProperties(), Path.of(""));
  }
}
