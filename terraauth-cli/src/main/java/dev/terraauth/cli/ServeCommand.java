package dev.terraauth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the gateway service. A placeholder until the gateway lands. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway service (widget sessions, mobile tokens, webhooks).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "terra-auth serve: the gateway is not built yet in this version."
                + " Try 'terra-auth env list' in the meantime.");
    return 1;
  }
}
