package dev.terraauth.cli.env;

import dev.terraauth.cli.TerraAuthCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth env}: the group of environment commands. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description = {
      "Environments (testing, staging, production, local) and their credentials: where each value"
          + " comes from, what is missing or unsafe.",
      ""
    },
    subcommands = {
      EnvListCommand.class,
      EnvShowCommand.class,
      EnvCheckCommand.class,
      EnvInitCommand.class
    },
    footer = {
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
    })
public final class EnvCommand implements Runnable {
  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
