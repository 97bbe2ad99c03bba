package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;
import java.util.List;

/**
 * The relay crash test on PostgreSQL with two gateway processes sharing the work (each SIGKILLed
 * once); skipped without TERRAAUTH_TEST_POSTGRES_URL.
 */
class PostgresRelayCrashIT extends RelayCrashContract {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Override
  List<String> databaseArguments(TestDatabase database) {
    return List.of("--database-url", database.jdbcUrl());
  }

  @Override
  int instances() {
    return 2;
  }
}
