package dev.terraauth.gateway.relay;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClaimPlanContract} on SQLite. */
class ClaimPlanTest {
  @TempDir Path directory;

  @Test
  void aClaimReadsPendingMessagesOnly() {
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      ClaimPlanContract.assertPendingOnly(database, false);
    }
  }
}
