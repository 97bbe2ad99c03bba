package dev.terraauth.cli.api;

import picocli.CommandLine;

/** Registers the API commands on the root command line. */
public final class ApiCommands {
  private ApiCommands() {}

  /** Adds integrations, widget-session, auth-url, mobile-token, deauth, user and users. */
  public static void register(CommandLine commandLine) {
    commandLine.addSubcommand(new IntegrationsCommand());
    commandLine.addSubcommand(new WidgetSessionCommand());
    commandLine.addSubcommand(new AuthUrlCommand());
    commandLine.addSubcommand(new MobileTokenCommand());
    commandLine.addSubcommand(new StreamingTokenCommand());
    commandLine.addSubcommand(new DeauthCommand());
    commandLine.addSubcommand(new UserCommand());
    commandLine.addSubcommand(new UsersCommand());
  }
}
