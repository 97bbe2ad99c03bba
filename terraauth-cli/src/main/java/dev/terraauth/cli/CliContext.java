package dev.terraauth.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What a command may read from the outside world: environment variables, system properties, the
 * working directory and standard input. Passed in (never read from globals) so tests run commands
 * against maps, temporary directories and canned input.
 */
public record CliContext(
    Map<String, String> environmentVariables,
    Properties systemProperties,
    Path workingDirectory,
    InputStream standardInput) {
  public CliContext {
    environmentVariables = Map.copyOf(environmentVariables);
    Properties copy = new Properties();
    copy.putAll(systemProperties);
    systemProperties = copy;
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** A context with empty standard input. */
  public CliContext(
      Map<String, String> environmentVariables,
      Properties systemProperties,
      Path workingDirectory) {
    this(
        environmentVariables,
        systemProperties,
        workingDirectory,
        new ByteArrayInputStream(new byte[0]));
  }

  /** The context of the running process. */
  public static CliContext ofProcess() {
    return new CliContext(System.getenv(), System.getProperties(), Path.of(""), System.in);
  }
}
