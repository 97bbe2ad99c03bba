package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteIntakeTest extends IntakeContract {
  @TempDir static Path directory;

  @BeforeAll
  static void open() {
    startGateway(TestDatabase.sqlite(directory), smallRetentionBatches());
  }
}
