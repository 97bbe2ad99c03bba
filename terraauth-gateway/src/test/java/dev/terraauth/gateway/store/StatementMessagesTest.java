package dev.terraauth.gateway.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing statement's message never shows its bound values (webhook bodies, user ids). */
class StatementMessagesTest {
  @TempDir Path directory;

  @Test
  void aFailedInsertNamesTheDatabaseErrorButNotTheValues() {
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      assertThatThrownBy(
              () ->
                  database
                      .database()
                      .jdbi()
                      .useHandle(
                          handle ->
                              handle
                                  .createUpdate("INSERT INTO auth_session (id) VALUES (:id)")
                                  .bind("id", "fake-bound-value-0000")
                                  .execute()))
          .isInstanceOf(UnableToExecuteStatementException.class)
          .hasMessageContaining("NOT NULL")
          .hasMessageNotContaining("fake-bound-value-0000")
          .hasMessageNotContaining(":id");
    }
  }
}
