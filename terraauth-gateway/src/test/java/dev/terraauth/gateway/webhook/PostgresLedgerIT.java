package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

class PostgresLedgerIT extends LedgerContract {
  @BeforeAll
  static void open() {
    database = TestDatabase.postgresIfConfigured();
  }

  @BeforeEach
  void setUp() {
    wire();
  }
}
