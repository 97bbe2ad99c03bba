package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;
import java.util.List;

/** The relay crash test on SQLite: one gateway process, SIGKILLed twice. */
class SqliteRelayCrashIT extends RelayCrashContract {
  @Override
  TestDatabase database() {
    return TestDatabase.sqlite(directory);
  }

  @Override
  List<String> databaseArguments(TestDatabase database) {
    return List.of("--data-dir", directory.toString());
  }

  @Override
  int instances() {
    return 1;
  }
}
