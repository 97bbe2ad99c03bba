package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

class PostgresIntakeIT extends IntakeContract {
  @BeforeAll
  static void open() {
    startGateway(TestDatabase.postgresIfConfigured(), smallRetentionBatches());
  }
}
