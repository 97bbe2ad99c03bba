package dev.terraauth.gateway.relay;

import dev.terraauth.gateway.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The relay contract on PostgreSQL (skipped without TERRAAUTH_TEST_POSTGRES_URL). */
class PostgresRelayIT extends RelayContract {
  @BeforeAll
  static void start() throws Exception {
    startGateway(TestDatabase.postgresIfConfigured());
  }
}
