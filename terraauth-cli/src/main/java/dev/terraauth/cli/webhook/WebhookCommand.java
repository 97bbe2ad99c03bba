package dev.terraauth.cli.webhook;

import dev.terraauth.cli.TerraAuthCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth webhook}: groups {@code sign} and {@code verify}. */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description = "Sign a webhook body like Terra does, or verify a saved delivery.",
    subcommands = {SignWebhookCommand.class, VerifyWebhookCommand.class})
public final class WebhookCommand implements Runnable {
  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  /** The root command (environment, secrets, context). */
  TerraAuthCommand root() {
    return root;
  }

  /**
   * The body file's bytes ({@code -} reads standard input), resolved against the working directory;
   * null after printing why it could not be read.
   */
  byte[] readBody(Path body, CommandSpec command) {
    try {
      if (body.toString().equals("-")) {
        return root.context().standardInput().readAllBytes();
      }
      return Files.readAllBytes(root.context().workingDirectory().resolve(body));
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
}
