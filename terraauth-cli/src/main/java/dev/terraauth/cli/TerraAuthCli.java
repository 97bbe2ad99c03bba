package dev.terraauth.cli;

import dev.terraauth.cli.api.ApiCommands;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.error.TerraAuthException;
import picocli.CommandLine;

/** Entry point of the {@code terra-auth} command. */
public final class TerraAuthCli {
  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: the command ran and found a problem. */
  public static final int PROBLEM = 1;

  /** Exit code: usage or configuration error. */
  public static final int USAGE = 2;

  private TerraAuthCli() {}

  public static void main(String[] args) {
    System.exit(create(CliContext.ofProcess()).execute(args));
  }

  /** Builds the command line; tests call this with their own context and writers. */
  public static CommandLine create(CliContext context) {
    CommandLine commandLine = new CommandLine(new TerraAuthCommand(context));
    commandLine.addSubcommand(new dev.terraauth.cli.serve.ServeCommand());
    ApiCommands.register(commandLine);
    commandLine.addSubcommand(new dev.terraauth.cli.env.EnvCommand());
    commandLine.addSubcommand(new dev.terraauth.cli.webhook.WebhookCommand());
    commandLine.addSubcommand(new dev.terraauth.cli.emulator.EmulatorCommand());
    commandLine.addSubcommand(new dev.terraauth.cli.scan.ScanCommand());
    commandLine.setExecutionExceptionHandler(TerraAuthCli::handleExecutionException);
    commandLine.setParameterExceptionHandler(TerraAuthCli::handleParameterException);
    // After the subcommands are added, so every --help renders at the width its text is written
    // for (the terminal's when it is wider).
    commandLine.setUsageHelpWidth(100);
    commandLine.setUsageHelpAutoWidth(true);
    return commandLine;
  }

  /**
   * A usage error: what was wrong, close matches for a mistyped name, and where help is, instead of
   * the whole usage text (which buries the one line that matters).
   */
  private static int handleParameterException(
      CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    java.io.PrintWriter err = commandLine.getErr();
    err.println(commandLine.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println(
        "Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return USAGE;
  }

  /**
   * One line naming the cause (messages of core exceptions are written to be shown and never hold a
   * secret); configuration problems are usage errors, everything else a problem.
   */
  private static int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (exception instanceof TerraAuthException terraAuthException) {
      commandLine
          .getErr()
          .println(commandLine.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
      return terraAuthException instanceof ConfigException ? USAGE : PROBLEM;
    }
    commandLine
        .getErr()
        .println(
            commandLine.getCommandSpec().qualifiedName()
                + ": unexpected "
                + exception.getClass().getSimpleName()
                + " (please report it)");
    return PROBLEM;
  }
}
