package dev.terraauth.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's statement reuse on a real SQLite file. */
class ReusedStatementsTest {
  @TempDir Path directory;

  /** Records which JDBC statements the builder under test hands out. */
  private static final class Recording implements StatementBuilder {
    private final ReusedStatements reused = new ReusedStatements();
    private final List<PreparedStatement> created = new ArrayList<>();

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
      return reused.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context)
        throws SQLException {
      PreparedStatement statement = reused.create(connection, sql, context);
      created.add(statement);
      return statement;
    }

    @Override
    public java.sql.CallableStatement createCall(
        Connection connection, String sql, StatementContext context) throws SQLException {
      return reused.createCall(connection, sql, context);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
      reused.close(connection, sql, statement);
    }

    @Override
    public void close(Connection connection) {
      reused.close(connection);
    }
  }

  @Test
  void aStatementIsPreparedOnceAndNestedUseGetsItsOwn() {
    try (TestDatabase database = TestDatabase.sqlite(directory);
        Handle handle = database.database().jdbi().open()) {
      Recording statements = new Recording();
      handle.setStatementBuilder(statements);
      String insert = "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (?, ?)";
      handle.execute(insert, "reuse-1", 1L);
      handle.execute(insert, "reuse-2", 2L);
      assertThat(statements.created).hasSize(2);
      assertThat(statements.created.get(1)).isSameAs(statements.created.get(0));

      // the same query while its first result is still being read: a second statement
      String select = "SELECT seen_key FROM webhook_seen WHERE seen_key LIKE 'reuse-%' ORDER BY 1";
      List<String> pairs = new ArrayList<>();
      handle
          .createQuery(select)
          .mapTo(String.class)
          .useIterator(
              outer ->
                  outer.forEachRemaining(
                      key ->
                          pairs.add(
                              key
                                  + "/"
                                  + handle.createQuery(select).mapTo(String.class).list().size())));
      assertThat(pairs).containsExactly("reuse-1/2", "reuse-2/2");
    }
  }

  /**
   * Every statement of the writer has named parameters, and Jdbi hands {@code close} its template
   * ({@code :k}) but {@code create} the parsed SQL ({@code ?}): reuse must hold across that.
   */
  @Test
  void statementsWithNamedParametersAreReusedToo() {
    try (TestDatabase database = TestDatabase.sqlite(directory);
        Handle handle = database.database().jdbi().open()) {
      Recording statements = new Recording();
      handle.setStatementBuilder(statements);
      String insert = "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (:k, :t)";
      for (int round = 0; round < 3; round++) {
        PreparedBatch batch = handle.prepareBatch(insert);
        batch.bind("k", "named-batch-" + round).bind("t", 1L).add();
        batch.bind("k", "named-batch-" + round + "b").bind("t", 2L).add();
        assertThat(batch.execute()).containsExactly(1, 1);
        handle.createUpdate(insert).bind("k", "named-update-" + round).bind("t", 3L).execute();
      }
      String select = "SELECT COUNT(*) FROM webhook_seen WHERE seen_at_ms <= :t";
      List<Integer> counts = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        counts.add(handle.createQuery(select).bind("t", 3L).mapTo(Integer.class).one());
      }
      assertThat(counts).containsExactly(9, 9, 9);
      // 3 batches + 3 updates of one SQL, then 3 queries of another: 2 statements in all
      assertThat(statements.created).hasSize(9);
      Set<PreparedStatement> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      distinct.addAll(statements.created);
      assertThat(distinct).hasSize(2);
    }
  }

  @Test
  void aFailedBatchLeavesNothingQueuedOnTheReusedStatement() {
    try (TestDatabase database = TestDatabase.sqlite(directory);
        Handle handle = database.database().jdbi().open()) {
      handle.setStatementBuilder(new ReusedStatements());
      String insert = "INSERT INTO webhook_seen (seen_key, seen_at_ms) VALUES (:k, :t)";
      PreparedBatch failing = handle.prepareBatch(insert);
      failing.bind("k", "batch-1").bind("t", 1L).add();
      failing.bind("k", "batch-1").bind("t", 1L).add(); // the same primary key twice
      assertThatThrownBy(failing::execute).isInstanceOf(RuntimeException.class);
      PreparedBatch next = handle.prepareBatch(insert);
      next.bind("k", "batch-2").bind("t", 2L).add();
      assertThat(next.execute()).containsExactly(1);
      List<String> keys =
          handle
              .createQuery(
                  "SELECT seen_key FROM webhook_seen WHERE seen_key LIKE 'batch-%' ORDER BY 1")
              .mapTo(String.class)
              .list();
      // batch-1 stayed from the failed batch's first row (no transaction here); nothing twice
      assertThat(keys).containsExactly("batch-1", "batch-2");
    }
  }
}
