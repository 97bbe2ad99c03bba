package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mobile-token limit holds under concurrency on SQLite (the default 5 a minute). */
class SqliteMobileTokenRaceTest {
  @TempDir static Path directory;
  static TestDatabase database;
  static GatewayApp gateway;
  static final FakeTerra terra = new FakeTerra(Clock.systemUTC());

  @BeforeAll
  static void start() {
    database = TestDatabase.sqlite(directory);
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(JwtSettings.hs256(Stack.JWT_SECRET, Stack.ISSUER, Stack.AUDIENCE))
            .build();
    WebhookVerifier verifier =
        WebhookVerifier.of(
            List.of(new SigningSecret(Environment.TESTING, 1, Secret.of(Stack.OLD_SECRET))));
    gateway =
        GatewayApp.create(
                config,
                new GatewayApp.Parts(
                    database.database(),
                    terra,
                    verifier,
                    CredentialAdmin.none(),
                    Clock.systemUTC()))
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    gateway.stop();
    database.close();
  }

  @Test
  void twentyConcurrentRequestsForOneUserGetFiveTokensInEachOfFiveTrials() throws Exception {
    for (int trial = 0; trial < 5; trial++) {
      int terraCallsBefore = terra.mobileTokens.get();
      MobileTokenRace.Outcome outcome =
          MobileTokenRace.race(List.of(gateway.port()), "racer-" + UUID.randomUUID(), 20);
      assertThat(outcome.others()).as("neither 200 nor 429").isEmpty();
      assertThat(outcome.issued()).isEqualTo(5);
      assertThat(outcome.limited()).isEqualTo(15);
      // refused requests never reach Terra
      assertThat(terra.mobileTokens.get() - terraCallsBefore).isEqualTo(5);
    }
  }

  @Test
  void aTerraFailureDoesNotUseUpTheLimit() throws Exception {
    String user = "unlucky-" + UUID.randomUUID();
    terra.failure =
        new dev.terraauth.core.error.TerraTransportException(
            "POST /auth/generateAuthToken: connection refused",
            false,
            new java.io.IOException("refused"));
    try {
      MobileTokenRace.Outcome failed = MobileTokenRace.race(List.of(gateway.port()), user, 5);
      assertThat(failed.issued()).isZero();
    } finally {
      terra.failure = null;
    }
    MobileTokenRace.Outcome later = MobileTokenRace.race(List.of(gateway.port()), user, 6);
    assertThat(later.issued()).isEqualTo(5);
    assertThat(later.limited()).isEqualTo(1);
  }
}
