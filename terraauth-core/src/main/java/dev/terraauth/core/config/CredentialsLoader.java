package dev.terraauth.core.config;

import dev.terraauth.core.error.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Loads the credentials of an environment from its sources, highest precedence first:
 *
 * <ol>
 *   <li>explicit values passed by code ({@link Builder#explicit});
 *   <li>JVM system properties ({@code terra.testing.api-key}, then {@code terra.api-key});
 *   <li>environment variables ({@code TERRA_TESTING_API_KEY}, then {@code TERRA_API_KEY});
 *   <li>the file {@code .env.terra.<env>} in the config directory (same names);
 *   <li>the secrets directory, one file per value ({@code terra_testing_api_key});
 *   <li>defaults: the REST and widget URLs, and for {@code local} the emulator's built-in account.
 * </ol>
 *
 * <p>The unscoped names ({@code TERRA_API_KEY}) never apply to {@code local}, so a real key cannot
 * reach the emulator by accident. Every value knows its {@link Origin} and the sources it shadowed.
 * Problems are reported all at once with their fixes ({@link #inspect}); {@link #load} refuses a
 * configuration with errors. Guards: the same API key or signing secret in two environments, secret
 * files readable by group/others (refused for production), a {@code .env.terra.*} file git does not
 * ignore.
 *
 * <p>Inputs (environment map, system properties, directories) are passed in, never read from the
 * process, so tests use maps and temporary directories. Files are re-read on every call.
 * Thread-safe: immutable after {@link Builder#build()}.
 */
public final class CredentialsLoader {

  private final Map<String, String> environmentVariables;
  private final Properties systemProperties;
  private final Path workingDirectory;
  private final Path configDirectory;
  private final Path secretsDirectory;
  private final Map<String, String> explicit;
  private final boolean refuseSecretSystemProperties;
  private final PathDisplay display;
  private final Sources sources;
  private final Guards guards;

  private CredentialsLoader(Builder builder) {
    this.environmentVariables = Map.copyOf(builder.environmentVariables);
    this.systemProperties = new Properties();
    this.systemProperties.putAll(builder.systemProperties);
    this.workingDirectory = builder.workingDirectory.toAbsolutePath().normalize();
    this.configDirectory =
        builder.configDirectory == null
            ? workingDirectory
            : workingDirectory.resolve(builder.configDirectory).normalize();
    this.secretsDirectory =
        builder.secretsDirectory == null
            ? null
            : workingDirectory.resolve(builder.secretsDirectory).normalize();
    this.explicit = Map.copyOf(builder.explicit);
    this.refuseSecretSystemProperties = builder.refuseSecretSystemProperties;
    this.display = new PathDisplay(workingDirectory);
    this.sources = new Sources(display);
    this.guards = new Guards(display, new GitIgnoreCheck(builder.gitCommand));
  }

  /**
   * A builder with no sources: empty environment and properties, the current directory.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the {@code .env.terra.<env>} file this loader reads for an environment}
   *
   * @param environment the environment
   */
  public Path dotenvFile(Environment environment) {
    return configDirectory.resolve(".env.terra." + environment.id());
  }

  /** {@return the directory holding {@code .env.terra.*} files} */
  public Path configDirectory() {
    return configDirectory;
  }

  /** {@return the secrets directory, or null when none is configured} */
  public Path secretsDirectory() {
    return secretsDirectory;
  }

  /**
   * {@return every environment read once, without the git-ignore guard (it spawns git): what {@link
   * #load}, {@link #signingSecrets} and a reload use}
   */
  public ConfigurationSnapshot snapshot() {
    return ConfigurationSnapshot.take(this, guards, false);
  }

  /**
   * {@return every environment read once, with the git-ignore guard: for {@code env check} and a
   * gateway's start-up, never per reload}
   */
  public ConfigurationSnapshot checkedSnapshot() {
    return ConfigurationSnapshot.take(this, guards, true);
  }

  /**
   * Resolves and checks one environment without throwing for configuration problems: values with
   * provenance, signing secrets and every problem found, including the guards (git-ignore too).
   *
   * @param environment the environment
   * @return the environment's report
   */
  public EnvironmentReport inspect(Environment environment) {
    return checkedSnapshot().report(environment);
  }

  /**
   * {@link #inspect} for every environment, in declaration order, from one snapshot.
   *
   * @return one report per environment
   */
  public List<EnvironmentReport> inspectAll() {
    return checkedSnapshot().reports();
  }

  /**
   * {@return the credentials of an environment} Warnings are logged (never with a value). Reads the
   * sources once; see {@link ConfigurationSnapshot#load}.
   *
   * @param environment the environment
   * @throws ConfigException listing every error at once: each missing value with every place
   *     looked, each malformed value with its file:line, each failed guard, each with its fix
   */
  public TerraCredentials load(Environment environment) {
    return snapshot().load(environment);
  }

  /**
   * {@return the webhook signing secrets of an environment, newest generation first; see {@link
   * ConfigurationSnapshot#signingSecrets}}
   *
   * @param environment the environment
   * @throws ConfigException when the configuration has errors or holds no signing secret (the
   *     message names every place looked)
   */
  public List<SigningSecret> signingSecrets(Environment environment) {
    return snapshot().signingSecrets(environment);
  }

  boolean refusesSecretSystemProperties() {
    return refuseSecretSystemProperties;
  }

  List<String> lookedFor(Environment environment, Setting setting) {
    Set<String> looked = new LinkedHashSet<>(); // each place once, in the order looked
    for (ValueSource source : sourcesFor(environment)) {
      if (source.kind() != Origin.Kind.DEFAULT) {
        for (String variable : Resolver.variables(environment, setting)) {
          looked.add(source.whereLooked().of(variable));
        }
      }
    }
    return List.copyOf(looked);
  }

  /** A digest of the files behind an environment, to tell cheaply whether anything changed. */
  byte[] sourceStamp(Environment environment) {
    return SourceStamp.of(dotenvFile(environment), secretsDirectory);
  }

  List<ValueSource> sourcesFor(Environment environment) {
    Map<String, String> explicitValues = new HashMap<>();
    String prefix = "TERRA_" + environment.variablePart() + "_";
    for (Map.Entry<String, String> entry : explicit.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        explicitValues.put(entry.getKey(), entry.getValue());
      }
    }
    return List.of(
        Sources.explicit(explicitValues),
        Sources.systemProperties(systemProperties),
        Sources.environmentVariables(environmentVariables),
        sources.dotenv(dotenvFile(environment)),
        sources.secretsDirectory(secretsDirectory),
        LocalDefaults.forEnvironment(environment));
  }

  /**
   * A path as people should see it: relative to the working directory when inside it.
   *
   * @param path the path
   * @return the path to show
   */
  public String display(Path path) {
    return display.of(path);
  }

  /** Collects the inputs of a {@link CredentialsLoader}. Not thread-safe. */
  public static final class Builder {
    private Map<String, String> environmentVariables = Map.of();
    private Properties systemProperties = new Properties();
    private Path workingDirectory = Path.of("");
    private Path configDirectory;
    private Path secretsDirectory;
    private final Map<String, String> explicit = new HashMap<>();
    private String gitCommand = "git";
    private boolean refuseSecretSystemProperties;

    private Builder() {}

    /**
     * The process environment (pass {@code System.getenv()} in {@code main}, maps in tests).
     *
     * @param variables the process environment (pass {@code System.getenv()} in {@code main}, maps
     *     in tests)
     * @return this builder
     */
    public Builder environmentVariables(Map<String, String> variables) {
      this.environmentVariables = Map.copyOf(variables);
      return this;
    }

    /**
     * JVM system properties ({@code terra.<env>.<setting>}).
     *
     * @param properties the JVM's system properties (or a copy)
     * @return this builder
     */
    public Builder systemProperties(Properties properties) {
      this.systemProperties = new Properties();
      this.systemProperties.putAll(properties);
      return this;
    }

    /**
     * Base for relative directories and for how paths are shown; default the current one.
     *
     * @param directory the working directory
     * @return this builder
     */
    public Builder workingDirectory(Path directory) {
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Where {@code .env.terra.<env>} files live; default the working directory.
     *
     * @param directory where {@code .env.terra.<env>} files live; default the working directory
     * @return this builder
     */
    public Builder configDirectory(Path directory) {
      this.configDirectory = directory;
      return this;
    }

    /**
     * A directory with one file per value ({@code terra_testing_api_key}); default none.
     *
     * @param directory a directory with one file per value ({@code terra_testing_api_key}); default
     *     none
     * @return this builder
     */
    public Builder secretsDirectory(Path directory) {
      this.secretsDirectory = directory;
      return this;
    }

    /**
     * A value given by code: the highest precedence. For {@link Setting#WEBHOOK_SECRET} a
     * comma-separated list (oldest first) gives several generations.
     *
     * @param environment the environment the value is for
     * @param setting which setting
     * @param value the value (not blank)
     * @return this builder
     */
    public Builder explicit(Environment environment, Setting setting, String value) {
      Objects.requireNonNull(value, "value");
      explicit.put(setting.variable(environment), value);
      return this;
    }

    /**
     * The git executable used to check that {@code .env.terra.*} files are ignored.
     *
     * @param command the git executable used to check that {@code .env.terra.*} files are ignored
     * @return this builder
     */
    public Builder gitCommand(String command) {
      this.gitCommand = Objects.requireNonNull(command, "command");
      return this;
    }

    /**
     * Whether an API key or signing secret from a system property is an error (a command-line tool,
     * whose properties come from {@code -D} arguments) rather than a warning (the default).
     *
     * @param refuse whether an API key or signing secret from a system property is an error (a
     *     command-line tool, whose properties come from {@code -D} arguments) rather than a warning
     *     (the default)
     * @return this builder
     */
    public Builder refuseSecretSystemProperties(boolean refuse) {
      this.refuseSecretSystemProperties = refuse;
      return this;
    }

    /**
     * Builds the loader; nothing is read until it is asked.
     *
     * @return the loader
     */
    public CredentialsLoader build() {
      return new CredentialsLoader(this);
    }
  }
}
