package dev.terraauth.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's WAL is copied back into the database file by the checkpoint thread, not by commits. */
class WalCheckpointerTest {
  @TempDir Path directory;

  @Test
  void committedPagesReachTheDatabaseFileWithoutACommitCheckpointing() throws Exception {
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      Path file = directory.resolve("gateway.db");
      long before = Files.size(file);
      // about 400 KB: far below the commits' own auto-checkpoint threshold (16 MiB)
      database
          .database()
          .jdbi()
          .useTransaction(
              handle -> {
                PreparedBatch batch =
                    handle.prepareBatch(
                        "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (:k, :t)");
                for (int i = 0; i < 200; i++) {
                  batch.bind("k", "wal-" + i + "-" + "x".repeat(2000)).bind("t", (long) i).add();
                }
                batch.execute();
              });
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (Files.size(file) < before + 400_000 && System.nanoTime() < deadline) {
        Thread.sleep(WalCheckpointer.EVERY_MILLIS);
      }
      assertThat(Files.size(file)).isGreaterThanOrEqualTo(before + 400_000);
    }
  }
}
