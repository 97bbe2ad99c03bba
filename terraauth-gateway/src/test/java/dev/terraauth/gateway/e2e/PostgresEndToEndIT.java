package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

class PostgresEndToEndIT extends EndToEndContract {
  @BeforeAll
  static void start() {
    database = TestDatabase.postgresIfConfigured();
    if (database != null) {
      stack = new Stack(database.database());
    }
  }
}
