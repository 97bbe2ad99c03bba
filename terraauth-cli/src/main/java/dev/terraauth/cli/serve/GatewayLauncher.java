package dev.terraauth.cli.serve;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.TerraStreamingClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.CoreWiring;
import dev.terraauth.gateway.GatewayServer;
import dev.terraauth.gateway.GatewaySettings;
import dev.terraauth.gateway.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/** The {@code local} mode of {@code serve}: the in-process emulator and a gateway against it. */
final class GatewayLauncher {
  /** The signing secret of the emulator's built-in local account (public, not secret). */
  static final SigningSecret LOCAL_SECRET =
      new SigningSecret(Environment.LOCAL, 1, Secret.of(EmulatorAccount.LOCAL_SIGNING_SECRET));

  private GatewayLauncher() {}

  /**
   * The emulator on its preferred port (any free one if taken), posting webhooks to the gateway.
   */
  static TerraEmulator startEmulator(int preferredPort, int gatewayPort, Path usersFile) {
    return TerraEmulator.builder()
        .port(portFree(preferredPort) ? preferredPort : 0)
        // its users outlive a restart, as the gateway's connections do (next to its database)
        .usersFile(usersFile)
        .account(
            EmulatorAccount.local()
                .withWebhookUrl(URI.create("http://127.0.0.1:" + gatewayPort + "/webhooks/terra")))
        .start();
  }

  /** The built-in local account's credentials, pointing at this emulator. */
  static TerraCredentials localCredentials(TerraEmulator emulator) {
    return new TerraCredentials(
        Environment.LOCAL,
        EmulatorAccount.LOCAL_DEV_ID,
        Secret.of(EmulatorAccount.LOCAL_API_KEY),
        List.of(LOCAL_SECRET),
        emulator.apiBaseUrl(),
        emulator.widgetSessionUrl(),
        emulator.streamingUrl());
  }

  /**
   * The gateway with the development login, against {@code emulator} (closed with it); closes the
   * database when starting fails.
   */
  static RunningGateway launchLocal(
      GatewaySettings settings, TerraEmulator emulator, Secret adminToken) {
    Clock clock = Clock.systemUTC();
    TerraCredentials credentials = localCredentials(emulator);
    Database database = settings.openDatabase();
    GatewayServer server =
        GatewayServer.start(
            settings.config(true).withAdminToken(adminToken),
            () -> {
              TerraAuthClient client =
                  TerraAuthClient.builder().credentials(credentials).clock(clock).build();
              WebhookVerifier verifier =
                  WebhookVerifier.builder().secrets(List.of(LOCAL_SECRET)).clock(clock).build();
              return CoreWiring.parts(
                  database,
                  client,
                  TerraStreamingClient.builder().credentials(credentials).build(),
                  verifier,
                  clock);
            },
            database,
            settings.host(),
            settings.port());
    return new RunningGateway(server, emulator);
  }

  /** The emulator's users file: beside the SQLite database, in {@code --data-dir}. */
  static Path usersFile(GatewaySettings settings) {
    return settings.sqliteFile().resolveSibling("emulator-users.json");
  }

  /** An admin token for this run when none is configured ({@code local} only; printed once). */
  static Secret generatedAdminToken() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Secret.of("local-admin-" + HexFormat.of().formatHex(random));
  }

  static boolean portFree(int candidate) {
    try (ServerSocket socket = new ServerSocket(candidate)) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
