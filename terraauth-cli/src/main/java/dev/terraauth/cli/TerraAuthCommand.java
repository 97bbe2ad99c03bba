package dev.terraauth.cli;

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

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
