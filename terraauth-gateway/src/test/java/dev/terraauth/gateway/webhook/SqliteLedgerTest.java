package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerTest extends LedgerContract {
  @TempDir static Path directory;

  @BeforeAll
  static void open() {
    database = TestDatabase.sqlite(directory);
  }

  @BeforeEach
  void setUp() {
    wire();
  }
}
