package dev.terraauth.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.terra.TerraUpstream;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Await;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileScheduleTest {
  @TempDir Path directory;

  @Test
  void theScheduledJobRepairsDriftInBothDirections() throws Exception {
    FakeTerra terra = new FakeTerra(Clock.systemUTC());
    terra.users.add(new TerraUpstream.RemoteUser("only-at-terra", "OURA", "ann", "sleep", true));
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      ConnectionStore connections = new ConnectionStore(database.database().jdbi());
      database
          .database()
          .jdbi()
          .useTransaction(
              handle ->
                  connections.upsert(
                      handle,
                      new Connection(
                          "only-here",
                          "ann",
                          "GARMIN",
                          ConnectionState.ACTIVE,
                          List.of("A"),
                          null,
                          "session",
                          1,
                          1,
                          1)));
      GatewayConfig config =
          GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
              .jwt(
                  JwtSettings.hs256(
                      Secret.of("fake-hs256-secret-for-tests-0000-0000-0000"), "i", "a"))
              .reconcileInterval(Duration.ofSeconds(1))
              .build();
      GatewayApp gateway =
          GatewayApp.create(
                  config,
                  new GatewayApp.Parts(
                      database.database(),
                      terra,
                      WebhookVerifier.of(
                          List.of(
                              new SigningSecret(
                                  Environment.TESTING,
                                  1,
                                  Secret.of("fake-signing-secret-testing-0000")))),
                      CredentialAdmin.none(),
                      Clock.systemUTC()))
              .start("127.0.0.1", 0);
      try {
        Await.until(
            "the scheduled reconciliation",
            Duration.ofSeconds(10),
            () ->
                connections.find("only-at-terra").isPresent()
                    && connections.find("only-here").orElseThrow().state()
                        != ConnectionState.ACTIVE);
      } finally {
        gateway.stop();
      }
      assertThat(connections.find("only-at-terra").orElseThrow().state())
          .isEqualTo(ConnectionState.ACTIVE);
      assertThat(connections.find("only-here").orElseThrow().state())
          .isEqualTo(ConnectionState.DEAUTHENTICATED);
    }
  }
}
