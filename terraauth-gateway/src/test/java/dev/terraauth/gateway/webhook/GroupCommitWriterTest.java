package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.gateway.store.GroupCommitWriter;
import dev.terraauth.gateway.store.StoreUnavailableException;
import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit writer on a real SQLite file. */
class GroupCommitWriterTest {
  @TempDir Path directory;

  @Test
  void writesWaitingTogetherShareOneCommitAndABadOneFailsOnlyItself() {
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      List<Integer> batches = new CopyOnWriteArrayList<>();
      GroupCommitWriter writer =
          new GroupCommitWriter(
              database.database().jdbi(),
              64,
              Duration.ofMillis(200),
              1_000,
              (size, elapsed) -> batches.add(size));
      List<CompletableFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String key = "writer-" + i;
        boolean bad = i == 7;
        results.add(
            writer.submit(
                key,
                handle -> {
                  if (bad) {
                    // a constraint violation: this write alone must fail
                    handle.execute("INSERT INTO webhook_seen (seen_key) VALUES ('no time')");
                  }
                  return handle.execute(
                      "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (?, 1)", key);
                }));
      }
      for (int i = 0; i < 20; i++) {
        if (i == 7) {
          CompletableFuture<Integer> failed = results.get(i);
          assertThatThrownBy(failed::join)
              .isInstanceOf(CompletionException.class)
              .hasCauseInstanceOf(StoreUnavailableException.class);
        } else {
          assertThat(results.get(i).join()).isEqualTo(1);
        }
      }
      writer.close();
      long stored =
          database
              .database()
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT COUNT(*) FROM webhook_seen WHERE seen_key LIKE 'writer-%'")
                          .mapTo(Long.class)
                          .one());
      assertThat(stored).isEqualTo(19);
      // the first attempt carried all 20 in one transaction (then failed and was split)
      assertThat(batches).doesNotContain(20);
      assertThat(writer.submit(handle -> 1))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void successfulWritesAreCommittedTogether() {
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      List<Integer> batches = new CopyOnWriteArrayList<>();
      try (GroupCommitWriter writer =
          new GroupCommitWriter(
              database.database().jdbi(),
              64,
              Duration.ofMillis(200),
              1_000,
              (size, elapsed) -> batches.add(size))) {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          String key = "together-" + i;
          results.add(
              writer.submit(
                  handle ->
                      handle.execute(
                          "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (?, 1)", key)));
        }
        results.forEach(CompletableFuture::join);
      }
      assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
      assertThat(batches.size()).isLessThan(10);
    }
  }
}
