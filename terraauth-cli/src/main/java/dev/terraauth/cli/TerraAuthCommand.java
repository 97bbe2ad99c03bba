package dev.terraauth.cli;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code terra-auth} command; owns the options every subcommand shares. */
@Command(
    name = "terra-auth",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Terra API authentication done right: credentials for every environment, the auth API,",
      "webhook verification, a local Terra emulator and the gateway service.",
      ""
    },
    footer = {
      "",
      "Exit codes:",
      "  0  success",
      "  1  the command ran and found a problem (failed check, failed verification, API error)",
      "  2  usage error (unknown option, missing argument, bad configuration)",
      "",
      "Run 'terra-auth COMMAND --help' for the options of a command."
    })
public final class TerraAuthCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--env",
      scope = ScopeType.INHERIT,
      paramLabel = "ENV",
      description = "Terra environment: testing, staging, production or local (the emulator).")
  String environmentName;

  TerraAuthCommand(CliContext context) {
    this.context = context;
  }

  /** Environment variables, system properties and working directory of this invocation. */
  public CliContext context() {
    return context;
  }

  /** The value of {@code --env}, or null when it was not given. */
  public String environmentName() {
    return environmentName;
  }

  /**
   * The environment chosen with {@code --env}.
   *
   * @throws ConfigException when {@code --env} is missing or names no environment
   */
  public Environment environment() {
    if (environmentName == null) {
      throw new ConfigException(
          "no environment chosen: add --env testing|staging|production|local");
    }
    return Environment.parse(environmentName);
  }

  /**
   * Complete credentials of one environment.
   *
   * <p>PLACEHOLDER until the credentials loader lands: reads only {@code TERRA_<ENV>_DEV_ID},
   * {@code TERRA_<ENV>_API_KEY} and {@code TERRA_<ENV>_WEBHOOK_SECRET} from the environment
   * variables. The signature stays; the body will use the real loader (all sources, provenance,
   * guards).
   *
   * @throws ConfigException naming what is missing
   */
  public TerraCredentials credentials(Environment environment) {
    Map<String, String> variables = context.environmentVariables();
    String prefix = "TERRA_" + environment.variablePart() + "_";
    String devId = variables.get(prefix + "DEV_ID");
    String apiKey = variables.get(prefix + "API_KEY");
    if (devId == null || apiKey == null) {
      throw new ConfigException(
          "credentials for "
              + environment.id()
              + " are incomplete: set "
              + prefix
              + "DEV_ID and "
              + prefix
              + "API_KEY");
    }
    return new TerraCredentials(
        environment,
        devId,
        Secret.of(apiKey),
        signingSecrets(environment),
        TerraCredentials.CURRENT_API_URL,
        TerraCredentials.DEFAULT_WIDGET_SESSION_URL);
  }

  /**
   * The webhook signing secrets of one environment, newest generation first (PLACEHOLDER, see
   * {@link #credentials}).
   */
  public List<SigningSecret> signingSecrets(Environment environment) {
    String value =
        context
            .environmentVariables()
            .get("TERRA_" + environment.variablePart() + "_WEBHOOK_SECRET");
    List<SigningSecret> secrets = new ArrayList<>();
    if (value != null && !value.isBlank()) {
      secrets.add(new SigningSecret(environment, 1, Secret.of(value)));
    }
    return secrets;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
