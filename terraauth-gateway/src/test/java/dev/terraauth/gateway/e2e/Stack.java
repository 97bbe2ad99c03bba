package dev.terraauth.gateway.e2e;

import dev.terraauth.core.client.RetryPolicy;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.EmulatorClock;
import dev.terraauth.emulator.Quirks;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.CoreWiring;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.store.Database;
import dev.terraauth.testing.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** An emulator and a gateway wired to each other (testing environment), for end-to-end tests. */
final class Stack implements AutoCloseable {
  static final String DEV_ID = "acme-testing-0000";
  static final String API_KEY = "fake-api-key-testing-0000";
  static final String OLD_SECRET = "fake-signing-secret-testing-0001";
  static final String NEW_SECRET = "fake-signing-secret-testing-0002";
  static final String STAGING_SECRET = "fake-signing-secret-staging-0001";
  static final Secret JWT_SECRET = Secret.of("fake-hs256-secret-for-tests-0000-0000-0000");
  static final Secret ADMIN_TOKEN = Secret.of("fake-admin-token-0000");
  static final String ISSUER = "https://app.example";
  static final String AUDIENCE = "terra-gateway";

  final EmulatorClock clock = EmulatorClock.system();
  final TerraEmulator emulator;
  final GatewayApp gateway;
  final String base;

  Stack(Database database) {
    int gatewayPort = freePort();
    base = "http://127.0.0.1:" + gatewayPort;
    // Terra signs with the previous secret while the gateway already knows the next one (rotation)
    emulator =
        TerraEmulator.builder()
            .port(0)
            .clock(clock)
            .account(
                EmulatorAccount.builder(DEV_ID)
                    .apiKey(API_KEY)
                    .signingSecrets(List.of(OLD_SECRET))
                    .webhookUrl(URI.create(base + "/webhooks/terra"))
                    .build())
            .quirks(Quirks.defaults().withDeauthDelay(Duration.ofMillis(10)))
            .retrySchedule(List.of(Duration.ofMillis(100), Duration.ofMillis(300)))
            .start();
    gateway =
        startGateway(
            database, emulator.apiBaseUrl(), emulator.widgetSessionUrl(), gatewayPort, clock);
  }

  /** The gateway of these tests (testing environment), listening on {@code port}. */
  static GatewayApp startGateway(
      Database database, URI apiBaseUrl, URI widgetSessionUrl, int port, java.time.Clock clock) {
    List<SigningSecret> testing =
        List.of(
            new SigningSecret(Environment.TESTING, 2, Secret.of(NEW_SECRET)),
            new SigningSecret(Environment.TESTING, 1, Secret.of(OLD_SECRET)));
    TerraAuthClient client =
        TerraAuthClient.builder()
            .credentials(
                new TerraCredentials(
                    Environment.TESTING,
                    DEV_ID,
                    Secret.of(API_KEY),
                    testing,
                    apiBaseUrl,
                    widgetSessionUrl))
            .retryPolicy(RetryPolicy.NONE)
            .clock(clock)
            .build();
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secrets(
                List.of(
                    testing.get(0),
                    testing.get(1),
                    new SigningSecret(Environment.STAGING, 1, Secret.of(STAGING_SECRET))))
            .clock(clock)
            .build();
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:" + port))
            .jwt(JwtSettings.hs256(JWT_SECRET, ISSUER, AUDIENCE))
            .appReturnUrl(URI.create("https://app.example/connected"))
            .adminToken(ADMIN_TOKEN)
            .build();
    return GatewayApp.create(config, CoreWiring.parts(database, client, verifier, clock))
        .start("127.0.0.1", port);
  }

  static int freePort() {
    return Ports.unused();
  }

  @Override
  public void close() {
    gateway.stop();
    emulator.close();
  }
}
