package dev.terraauth.cli.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Registers the API commands on the root command line. */
public final class ApiCommands {
  private ApiCommands() {}

  /** Adds the API commands: integrations, widget-session, auth-url, mobile-token, ... */
  public static void register(CommandLine commandLine) {
    all().values().forEach(command -> commandLine.addSubcommand(command.get()));
  }

  /** The API commands by name, each created on demand. */
  public static Map<String, Supplier<Object>> all() {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("integrations", IntegrationsCommand::new);
    commands.put("widget-session", WidgetSessionCommand::new);
    commands.put("auth-url", AuthUrlCommand::new);
    commands.put("mobile-token", MobileTokenCommand::new);
    commands.put("streaming-token", StreamingTokenCommand::new);
    commands.put("deauth", DeauthCommand::new);
    commands.put("user", UserCommand::new);
    commands.put("users", UsersCommand::new);
    return commands;
  }
}
