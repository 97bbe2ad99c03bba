package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;
import java.util.List;

class PostgresCrashIT extends CrashContract {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Override
  List<String> databaseArguments(TestDatabase database) {
    return List.of("--database-url", database.jdbcUrl());
  }
}
