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
    commands.put("env", dev.terraauth.cli.env.EnvCommand::new);
    commands.put("whoami", dev.terraauth.cli.env.WhoamiCommand::new);
    commands.put("webhook", dev.terraauth.cli.webhook.WebhookCommand::new);
    commands.put("emulator", dev.terraauth.cli.emulator.EmulatorCommand::new);
    commands.put("scan", dev.terraauth.cli.scan.ScanCommand::new);
    commands.put("trigger", dev.terraauth.cli.trigger.TriggerCommand::new);
    commands.put("deliveries", dev.terraauth.cli.deliveries.DeliveriesCommand::new);
    commands.put("relay", dev.terraauth.cli.relay.RelayCommand::new);
    commands.put("completion", CompletionCommand::new);
    return commands;
  }
}
