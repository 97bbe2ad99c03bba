package dev.terraauth.cli;

import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.gateway.GatewaySettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code terra-auth} command; owns the options every subcommand shares. Its picocli model
 * is built in code ({@link #spec}), not read from annotations: see {@link Specs}.
 */
public final class TerraAuthCommand implements Runnable {
  /** Environment variable naming the directory of the .env.terra.* files. */
  public static final String CONFIG_DIR_VARIABLE = GatewaySettings.CONFIG_DIR_VARIABLE;

  /** Environment variable naming the secrets directory. */
  public static final String SECRETS_DIR_VARIABLE = GatewaySettings.SECRETS_DIR_VARIABLE;

  private final CliContext context;

  CommandSpec spec;

  /** Environment variable with the environment to use when --env is not given. */
  public static final String ENV_VARIABLE = "TERRA_AUTH_ENV";

  /**
   * {@code --env}, checked when parsed, so even commands that read no environment reject a typo.
   */
  private final Specs.Value<String> environmentName =
      new Specs.Value<>() {
        @Override
        protected void check(String name) {
          try {
            Environment.parse(name);
          } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--env: " + e.getMessage());
          }
        }
      };

  private final Specs.Value<Path> configDirectory = new Specs.Value<>();

  private final Specs.Value<Path> secretsDirectory = new Specs.Value<>();

  /** {@code --api-key} and the other secrets: refused whatever their value. */
  private final Specs.Value<String> secretArgument =
      new Specs.Value<>() {
        @Override
        protected void check(String value) {
          refuseSecretArgument(value);
        }
      };

  TerraAuthCommand(CliContext context) {
    this.context = context;
  }

  /** Environment variables, system properties and working directory of this invocation. */
  public CliContext context() {
    return context;
  }

  /** The value of {@code --env}, else of {@code TERRA_AUTH_ENV}, or null when neither is set. */
  public String environmentName() {
    if (environmentName.value() != null) {
      return environmentName.value();
    }
    String fromVariable = context.environmentVariables().get(ENV_VARIABLE);
    return fromVariable == null || fromVariable.isBlank() ? null : fromVariable;
  }

  /**
   * The environment chosen with {@code --env}, else with {@code TERRA_AUTH_ENV}.
   *
   * @throws ConfigException when neither is set or the variable names no environment
   */
  public Environment environment() {
    String name = environmentName();
    if (name == null) {
      throw new ConfigException(
          "no environment chosen: add --env testing|staging|production|local (or set "
              + ENV_VARIABLE
              + ")");
    }
    if (environmentName.value() == null) {
      try {
        return Environment.parse(name);
      } catch (ConfigException e) {
        throw new ConfigException(ENV_VARIABLE + ": " + e.getMessage());
      }
    }
    return Environment.parse(name);
  }

  /**
   * The credentials loader of this invocation: environment variables and system properties of the
   * context, {@code .env.terra.<env>} in {@code --config-dir} (else {@code TERRA_AUTH_CONFIG_DIR},
   * else the working directory), and the secrets directory {@code --secrets-dir} (else {@code
   * TERRA_AUTH_SECRETS_DIR}, else {@code ./secrets} when it exists).
   */
  public CredentialsLoader credentialsLoader() {
    // The gateway's rules, so `serve` and terraauth-gateway.jar find the same files.
    return GatewaySettings.credentialsLoader(
        configDirectory.value(),
        secretsDirectory.value(),
        context.environmentVariables(),
        context.systemProperties(),
        context.workingDirectory());
  }

  /**
   * Complete credentials of one environment, from every source (see {@link #credentialsLoader()}).
   *
   * @throws ConfigException listing everything missing (with every place looked), malformed (with
   *     file:line) or refused by a guard, each with its fix
   */
  public TerraCredentials credentials(Environment environment) {
    return credentialsLoader().load(environment);
  }

  /**
   * The webhook signing secrets of one environment, newest generation first.
   *
   * @throws ConfigException when the configuration has errors or holds no signing secret
   */
  public List<SigningSecret> signingSecrets(Environment environment) {
    return credentialsLoader().signingSecrets(environment);
  }

  /** Secrets are never accepted as arguments: they would land in shell history and ps output. */
  void refuseSecretArgument(String ignored) {
    throw new ParameterException(
        spec.commandLine(),
        "secrets are never accepted as command-line arguments (they end up in shell history and"
            + " the process list). Put them in .env.terra.<env> (create it with: terra-auth env"
            + " init --env <env>), in the environment variables TERRA_<ENV>_API_KEY /"
            + " TERRA_<ENV>_WEBHOOK_SECRET, or in a secrets directory (--secrets-dir), then rotate"
            + " the secret you just typed if it was a real one.");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The picocli model of the root command, bound to {@code command}. */
  static CommandSpec spec(TerraAuthCommand command) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("terra-auth");
    command.spec = spec;
    spec.versionProvider(new VersionProvider());
    spec.usageMessage().autoWidth(true).width(100).description(DESCRIPTION).footer(FOOTER);
    spec.addOption(
        OptionSpec.builder("--env")
            .scopeType(ScopeType.INHERIT)
            .paramLabel("ENV")
            .type(String.class)
            .description(
                "Terra environment: testing, staging, production or local (the emulator); default:"
                    + " $TERRA_AUTH_ENV.")
            .setter(command.environmentName)
            .getter(command.environmentName)
            // a setter that validates, like an annotated method: never called with a default
            .hasInitialValue(false)
            .build());
    spec.addOption(
        OptionSpec.builder("--config-dir")
            .scopeType(ScopeType.INHERIT)
            .paramLabel("DIR")
            .type(Path.class)
            .description(
                "Directory of the .env.terra.<env> files (default: $TERRA_AUTH_CONFIG_DIR, else the"
                    + " working directory).")
            .setter(command.configDirectory)
            .getter(command.configDirectory)
            .build());
    spec.addOption(
        OptionSpec.builder("--secrets-dir")
            .scopeType(ScopeType.INHERIT)
            .paramLabel("DIR")
            .type(Path.class)
            .description(
                "Directory with one file per value, e.g. terra_testing_api_key (default:"
                    + " $TERRA_AUTH_SECRETS_DIR, else ./secrets when it exists).")
            .setter(command.secretsDirectory)
            .getter(command.secretsDirectory)
            .build());
    spec.addOption(Specs.helpOption());
    spec.addOption(Specs.versionOption());
    spec.addOption(
        OptionSpec.builder("--api-key", "--webhook-secret", "--signing-secret")
            .hidden(true)
            .scopeType(ScopeType.INHERIT)
            .arity("0..1")
            .paramLabel("SECRET")
            .type(String.class)
            .setter(command.secretArgument)
            .getter(command.secretArgument)
            .hasInitialValue(false)
            .build());
    return spec;
  }

  private static final String[] DESCRIPTION = {
    "Terra API authentication done right: credentials for every environment, the auth API,"
        + " webhook verification, a local Terra emulator and the gateway service.",
    ""
  };

  private static final String[] FOOTER = {
    "",
    "Exit codes:",
    "  0  success",
    "  1  the command ran and found a problem (failed check, failed verification, API error)",
    "  2  usage error (unknown option, missing argument, bad configuration)",
    "",
    "Credentials come from (highest first): environment variables (TERRA_TESTING_API_KEY, then",
    "TERRA_API_KEY), .env.terra.<env> in the config directory, the secrets directory",
    "(terra_testing_api_key); never from command-line arguments (nor -D system properties).",
    "See 'terra-auth env --help'.",
    "",
    "Run 'terra-auth COMMAND --help' for the options of a command."
  };
}
