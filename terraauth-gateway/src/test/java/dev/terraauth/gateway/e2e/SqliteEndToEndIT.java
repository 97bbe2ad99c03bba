package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteEndToEndIT extends EndToEndContract {
  @TempDir static Path directory;

  @BeforeAll
  static void start() {
    database = TestDatabase.sqlite(directory);
    stack = new Stack(database.database());
  }
}
