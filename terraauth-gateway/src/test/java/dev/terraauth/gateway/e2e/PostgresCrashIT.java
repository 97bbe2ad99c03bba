package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;

class PostgresCrashIT extends CrashContract {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Override
  String databaseArgument(TestDatabase database) {
    return database.jdbcUrl();
  }
}
