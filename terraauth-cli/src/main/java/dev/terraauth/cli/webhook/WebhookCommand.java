package dev.terraauth.cli.webhook;

import dev.terraauth.cli.Specs;
import dev.terraauth.cli.TerraAuthCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code terra-auth webhook}: groups {@code sign} and {@code verify}. Its picocli model is built in
 * code ({@link #spec}), as {@code webhook verify}'s: see {@link Specs}.
 */
public final class WebhookCommand implements Runnable {
  CommandSpec spec;

  /** The root command (environment, secrets, context). */
  TerraAuthCommand root() {
    return (TerraAuthCommand) spec.parent().userObject();
  }

  /**
   * The body file's bytes ({@code -} reads standard input), resolved against the working directory;
   * null after printing why it could not be read.
   */
  byte[] readBody(Path body, CommandSpec command) {
    try {
      if (body.toString().equals("-")) {
        return root().context().standardInput().readAllBytes();
      }
      return Files.readAllBytes(root().context().workingDirectory().resolve(body));
    } catch (IOException e) {
      command
          .commandLine()
          .getErr()
          .println(
              "terra-auth webhook "
                  + command.name()
                  + ": cannot read body file "
                  + body
                  + " ("
                  + dev.terraauth.cli.CliFailure.describe(e)
                  + ")");
      return null;
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The model of {@code webhook} with both subcommands, or with only {@code subcommand} when it
   * names one ({@code webhook verify} then never builds {@code sign}'s).
   */
  public static CommandSpec spec(String subcommand) {
    WebhookCommand command = new WebhookCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("webhook");
    command.spec = spec;
    spec.usageMessage()
        .description("Sign a webhook body like Terra does, or verify a saved delivery.");
    spec.addOption(Specs.helpOption());
    spec.addOption(Specs.versionOption());
    boolean all = subcommand == null || !java.util.List.of("sign", "verify").contains(subcommand);
    if (all || subcommand.equals("sign")) {
      spec.addSubcommand("sign", new CommandLine(new SignWebhookCommand()));
    }
    if (all || subcommand.equals("verify")) {
      spec.addSubcommand("verify", new CommandLine(VerifyWebhookCommand.spec(command)));
    }
    return spec;
  }
}
