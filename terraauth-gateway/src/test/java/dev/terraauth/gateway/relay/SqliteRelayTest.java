package dev.terraauth.gateway.relay;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteRelayTest extends RelayContract {
  @TempDir static Path directory;

  @BeforeAll
  static void start() throws Exception {
    startGateway(TestDatabase.sqlite(directory));
  }
}
