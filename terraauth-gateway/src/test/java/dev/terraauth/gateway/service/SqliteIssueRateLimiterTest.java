package dev.terraauth.gateway.service;

import dev.terraauth.gateway.store.Database;
import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The issue limiter's contract on one SQLite gateway. */
class SqliteIssueRateLimiterTest extends IssueRateLimiterContract {
  @TempDir static Path directory;
  static TestDatabase database;

  @BeforeAll
  static void open() {
    database = TestDatabase.sqlite(directory);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  List<Database> instances() {
    return List.of(database.database());
  }
}
