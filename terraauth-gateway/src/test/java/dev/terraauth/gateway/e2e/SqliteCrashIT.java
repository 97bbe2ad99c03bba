package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;
import java.util.List;

class SqliteCrashIT extends CrashContract {
  @Override
  TestDatabase database() {
    return TestDatabase.sqlite(directory);
  }

  @Override
  List<String> databaseArguments(TestDatabase database) {
    return List.of("--data-dir", directory.toString()); // the gateway's gateway.db is in it
  }
}
