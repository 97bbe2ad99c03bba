package dev.terraauth.cli.serve;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.ReloadingCredentials;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.streaming.TerraStreamingClient;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.CoreWiring;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.service.SigningSecretRotation;
import dev.terraauth.gateway.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Builds and starts the pieces {@code serve} runs: the local emulator, the client, the gateway. */
final class GatewayLauncher {
  /** The signing secret of the emulator's built-in local account (public, not secret). */
  static final SigningSecret LOCAL_SECRET =
      new SigningSecret(Environment.LOCAL, 1, Secret.of(EmulatorAccount.LOCAL_SIGNING_SECRET));

  private GatewayLauncher() {}

  /**
   * The emulator on its preferred port (any free one if taken), posting webhooks to the gateway.
   */
  static TerraEmulator startEmulator(int preferredPort, int gatewayPort) {
    return TerraEmulator.builder()
        .port(portFree(preferredPort) ? preferredPort : 0)
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
   * Starts the gateway on {@code host:port} over {@code database}; closes the database when that
   * fails.
   *
   * @param emulator the in-process emulator to stop with it, or null
   */
  static RunningGateway launch(
      GatewayConfig config,
      TerraCredentials credentials,
      List<SigningSecret> secrets,
      Database database,
      String host,
      int port,
      TerraEmulator emulator) {
    Clock clock = Clock.systemUTC();
    return launch(
        config,
        () -> {
          TerraAuthClient client =
              TerraAuthClient.builder().credentials(credentials).clock(clock).build();
          WebhookVerifier verifier =
              WebhookVerifier.builder().secrets(secrets).clock(clock).build();
          return CoreWiring.parts(
              database,
              client,
              TerraStreamingClient.builder().credentials(credentials).build(),
              verifier,
              clock);
        },
        database,
        host,
        port,
        emulator);
  }

  /**
   * Starts the gateway of a deployed environment whose webhook signing secrets follow the
   * credential files (see {@link SigningSecretRotation}); closes the database when that fails.
   *
   * @param otherEnvironments other environments' signing secrets, to recognise misrouted deliveries
   */
  static RunningGateway launchRotating(
      GatewayConfig config,
      ReloadingCredentials credentials,
      List<SigningSecret> otherEnvironments,
      Duration checkInterval,
      Clock clock,
      Database database,
      String host,
      int port) {
    return launch(
        config,
        () -> {
          TerraAuthClient client =
              TerraAuthClient.builder().credentials(credentials.current()).clock(clock).build();
          SigningSecretRotation rotation =
              new SigningSecretRotation(
                  config.environment(), credentials, otherEnvironments, checkInterval, clock);
          return CoreWiring.parts(
              database,
              client,
              TerraStreamingClient.builder().credentials(credentials.current()).build(),
              rotation,
              clock);
        },
        database,
        host,
        port,
        null);
  }

  private static RunningGateway launch(
      GatewayConfig config,
      Supplier<GatewayApp.Parts> parts,
      Database database,
      String host,
      int port,
      TerraEmulator emulator) {
    try {
      GatewayApp gateway = GatewayApp.create(config, parts.get());
      try {
        gateway.start(host, port);
      } catch (RuntimeException e) {
        throw new ConfigException(dev.terraauth.cli.StartFailures.bind(host, port, e), e);
      }
      String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
      return new RunningGateway(
          gateway, database, emulator, URI.create("http://" + shownHost + ":" + port));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  static boolean portFree(int candidate) {
    try (ServerSocket socket = new ServerSocket(candidate)) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
