package dev.terraauth.cli.env;

import dev.terraauth.cli.Specs;
import dev.terraauth.cli.TerraAuthCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code terra-auth env}: the group of environment commands. Its picocli model is built in code
 * ({@link #spec}), as {@code env list}'s: see {@link Specs}.
 */
public final class EnvCommand implements Runnable {
  CommandSpec spec;

  /** The root command (environment, configuration sources, context). */
  TerraAuthCommand root() {
    return (TerraAuthCommand) spec.parent().userObject();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The model of {@code env} with all its subcommands, or with only {@code subcommand} when it
   * names one (the others' models are then never built: {@code env list} starts faster).
   */
  public static CommandSpec spec(String subcommand) {
    EnvCommand command = new EnvCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("env");
    command.spec = spec;
    spec.usageMessage().autoWidth(true).width(100).description(DESCRIPTION).footer(FOOTER);
    spec.addOption(Specs.helpOption());
    spec.addOption(Specs.versionOption());
    boolean all =
        subcommand == null
            || !java.util.List.of("list", "show", "check", "init").contains(subcommand);
    if (all || subcommand.equals("list")) {
      spec.addSubcommand("list", new CommandLine(EnvListCommand.spec(command)));
    }
    if (all || subcommand.equals("show")) {
      spec.addSubcommand("show", new CommandLine(new EnvShowCommand()));
    }
    if (all || subcommand.equals("check")) {
      spec.addSubcommand("check", new CommandLine(new EnvCheckCommand()));
    }
    if (all || subcommand.equals("init")) {
      spec.addSubcommand("init", new CommandLine(new EnvInitCommand()));
    }
    return spec;
  }

  private static final String[] DESCRIPTION = {
    "Environments (testing, staging, production, local) and their credentials: where each value"
        + " comes from, what is missing or unsafe.",
    ""
  };

  private static final String[] FOOTER = {
    "",
    "Sources, highest first: explicit values (code only); system properties terra.<env>.<key>",
    "(not for secrets in this CLI: -D arguments show in the process list); environment variables",
    "TERRA_<ENV>_DEV_ID, TERRA_<ENV>_API_KEY, TERRA_<ENV>_WEBHOOK_SECRET (then the unscoped",
    "TERRA_DEV_ID, ..., never used for local); the file .env.terra.<env>; the secrets directory",
    "(terra_<env>_api_key, ...); defaults. Several webhook signing secrets: a comma-separated",
    "list (oldest first) or TERRA_<ENV>_WEBHOOK_SECRET_2, _3, all from the highest source.",
    "REST base: TERRA_<ENV>_API_URL = current (default, https://access.tryterra.co/api/v2),",
    "legacy (https://api.tryterra.co/v2) or a URL; TERRA_<ENV>_WIDGET_SESSION_URL likewise.",
    "Streaming host: TERRA_<ENV>_STREAMING_URL (default https://ws.tryterra.co).",
    "local defaults to the emulator's public account (terra-auth-local-dev) on 127.0.0.1:8789.",
    "Secret values are never printed: only their fingerprint (first 8 hex of SHA-256)."
  };
}
