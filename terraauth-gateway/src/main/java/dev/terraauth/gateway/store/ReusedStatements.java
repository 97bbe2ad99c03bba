package dev.terraauth.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one long-lived handle open between uses, so the writer's few
 * statements are parsed once per connection, not once per batch (SQLite compiles a statement on
 * every prepare; PostgreSQL switches to a server-side plan only for a statement used repeatedly). A
 * statement in use is taken out of the cache, so nested use of the same SQL gets a second one.
 * Bounded; not thread-safe (one handle, one thread).
 *
 * <p>Statements are filed under the SQL they were prepared from: Jdbi passes the parsed SQL ({@code
 * ?} placeholders) to {@code create} but its own template ({@code :name}) to {@code close}, so a
 * cache keyed by the SQL {@code close} sees never hits for a statement with named parameters (every
 * one of the writer's), and each batch compiled its statements again.
 */
final class ReusedStatements implements StatementBuilder {
  private static final int MAX_CACHED = 64;

  private final DefaultStatementBuilder plain = new DefaultStatementBuilder();

  /** Each statement this builder prepared, with the SQL it was prepared from. */
  private final Map<Statement, String> reusable = new IdentityHashMap<>();

  private final Map<String, PreparedStatement> idle =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= MAX_CACHED) {
            return false;
          }
          reusable.remove(eldest.getValue());
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  @Override
  public Statement create(Connection connection, StatementContext context) throws SQLException {
    return plain.create(connection, context);
  }

  @Override
  public PreparedStatement create(Connection connection, String sql, StatementContext context)
      throws SQLException {
    if (context.isReturningGeneratedKeys()) {
      return plain.create(connection, sql, context);
    }
    PreparedStatement statement = idle.remove(sql);
    if (statement != null && !statement.isClosed()) {
      statement.clearParameters();
      return statement;
    }
    statement = connection.prepareStatement(sql);
    reusable.put(statement, sql);
    return statement;
  }

  @Override
  public java.sql.CallableStatement createCall(
      Connection connection, String sql, StatementContext context) throws SQLException {
    return plain.createCall(connection, sql, context);
  }

  @Override
  public void close(Connection connection, String template, Statement statement)
      throws SQLException {
    if (statement == null) {
      return;
    }
    String sql = reusable.get(statement); // not the template: see the class comment
    if (sql == null || statement.isClosed() || idle.containsKey(sql)) {
      reusable.remove(statement);
      statement.close();
      return;
    }
    try {
      statement.clearBatch(); // a failed batch may leave its rows queued
      idle.put(sql, (PreparedStatement) statement);
    } catch (SQLException e) {
      reusable.remove(statement);
      closeQuietly(statement);
    }
  }

  @Override
  public void close(Connection connection) {
    idle.values().forEach(ReusedStatements::closeQuietly);
    idle.clear();
    reusable.clear();
  }

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // closing a statement of a connection being discarded: nothing left to do
    }
  }
}
