package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;

class SqliteCrashIT extends CrashContract {
  @Override
  TestDatabase database() {
    return TestDatabase.sqlite(directory);
  }

  @Override
  String databaseArgument(TestDatabase database) {
    return directory.resolve("gateway.db").toString();
  }
}
