package dev.terraauth.cli;

import dev.terraauth.cli.api.ApiCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every top-level command by name, created only when asked for (see {@link TerraAuthCli}). */
final class Commands {
  private Commands() {}

  static Map<String, Supplier<Object>> all() {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("serve", dev.terraauth.cli.serve.ServeCommand::new);
    commands.putAll(ApiCommands.all());
    commands.put("env", () -> dev.terraauth.cli.env.EnvCommand.spec(null));
    commands.put("whoami", dev.terraauth.cli.env.WhoamiCommand::new);
    commands.put("webhook", () -> dev.terraauth.cli.webhook.WebhookCommand.spec(null));
    commands.put("emulator", dev.terraauth.cli.emulator.EmulatorCommand::new);
    commands.put("scan", dev.terraauth.cli.scan.ScanCommand::new);
    commands.put("trigger", dev.terraauth.cli.trigger.TriggerCommand::new);
    commands.put("deliveries", dev.terraauth.cli.deliveries.DeliveriesCommand::new);
    commands.put("relay", dev.terraauth.cli.relay.RelayCommand::new);
    commands.put("completion", CompletionCommand::new);
    return commands;
  }

  /**
   * The command {@code args[0]} names, with only the subcommand {@code args[1]} names where the
   * command is a group built in code ({@code env list} never builds {@code env check}'s model);
   * null when {@code args[0]} names no command.
   */
  static Object forArguments(String[] args) {
    String next = args.length > 1 ? args[1] : null;
    return switch (args.length == 0 ? "" : args[0]) {
      case "env" -> dev.terraauth.cli.env.EnvCommand.spec(next);
      case "webhook" -> dev.terraauth.cli.webhook.WebhookCommand.spec(next);
      default -> {
        Supplier<Object> command = args.length == 0 ? null : all().get(args[0]);
        yield command == null ? null : command.get();
      }
    };
  }

  /**
   * What the root usage lists of each command: its name and the first line of its description,
   * which must read as in the command's own model (TerraAuthCliTest compares them). Kept here so
   * that {@code terra-auth --help} builds no command's model (see {@link Specs}).
   */
  static Map<String, String> summaries() {
    Map<String, String> summaries = new LinkedHashMap<>();
    summaries.put(
        "serve", "Run the gateway: widget sessions, mobile tokens, webhooks and who is connected.");
    summaries.put(
        "integrations", "List Terra's providers (public endpoint: sends only the dev-id).");
    summaries.put("widget-session", "Create a Terra widget session and print its URL.");
    summaries.put(
        "auth-url", "Create a direct login link for one provider (POST /auth/authenticateUser).");
    summaries.put(
        "mobile-token", "Mint a single-use mobile SDK token (POST /auth/generateAuthToken).");
    summaries.put(
        "streaming-token", "Mint a single-use token for Terra's real-time streaming socket.");
    summaries.put(
        "deauth",
        "Deauthenticate a user (DELETE /auth/deauthenticateUser): Terra deletes the connection.");
    summaries.put(
        "user", "Show a connection by Terra user id, or all connections of a reference id.");
    summaries.put("users", "List the environment's connections (GET /subscriptions).");
    summaries.put(
        "env",
        "Environments (testing, staging, production, local) and their credentials: where each value"
            + " comes from, what is missing or unsafe.");
    summaries.put(
        "whoami",
        "Print the dev-id and API key fingerprint of an environment and whether Terra accepts them"
            + " (one read-only call, as 'env check --live').");
    summaries.put("webhook", "Sign a webhook body like Terra does, or verify a saved delivery.");
    summaries.put("emulator", "Run a local Terra emulator for the auth API.");
    summaries.put(
        "scan",
        "Find Terra API keys and webhook signing secrets (paired with their dev-ids) leaked into"
            + " files, staged changes or git history. Values are never printed: at most their first"
            + " 4 characters.");
    summaries.put(
        "trigger",
        "Send a realistic webhook event to your endpoint, signed with the environment's webhook"
            + " signing secret exactly as Terra signs it (X-Terra-Signature t=..,v1=.., plus"
            + " X-Terra-Trace-Id, terra-reference and X-Terra-Ordering-Timestamp).");
    summaries.put(
        "deliveries",
        "List, show and resend the webhook deliveries a running gateway stored (its admin API; the"
            + " admin token comes from TERRAAUTH_ADMIN_TOKEN).");
    summaries.put(
        "relay",
        "The gateway's event relay: its push endpoints, their attempt history and replays (admin"
            + " API; the admin token comes from TERRAAUTH_ADMIN_TOKEN), and 'listen', a local"
            + " receiver that verifies Standard Webhooks signatures.");
    summaries.put("completion", "Print the shell completion script for bash, zsh or fish.");
    return summaries;
  }
}
