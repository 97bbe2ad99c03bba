package dev.terraauth.gateway.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Has PostgreSQL plan a statement at each execution, with its parameter values and the tables'
 * current size, instead of the plan it cached for the connection. Other databases are left alone.
 *
 * <p>For statements whose best plan depends on how big a table has grown. pgjdbc prepares a
 * statement on the server from its fifth use, and PostgreSQL then keeps one generic plan for it
 * until the table's statistics change. A plan made while the outbox was small scans it, and without
 * an {@code ANALYZE} (autovacuum off, or before its first pass on a new table) that plan stays:
 * measured in {@code bench/relay}, each attempt record read all 17,715 rows of {@code
 * relay_message} (14 ms) to update 31, and the record statement took 20.5 of PostgreSQL's 30 s.
 * Planning again costs a fraction of a millisecond, once per batch of messages; the intake's insert
 * statements, whose plans do not depend on table size, keep their cached plans.
 *
 * <p>Shown to matter for the attempt record and retention's batch deletes ({@code
 * PostgresPlansAfterGrowthIT}: one scan each without it). The relay's other statements on its
 * growing tables carry it as insurance, at a parse and a plan per claim, poll or page; a claim's
 * cached plan was measured to keep its index without it. The operator's lists do without: an {@code
 * ORDER BY ... LIMIT} that an index matches kept that index when planned on 20 rows and run on
 * 30,000.
 */
public final class PlannedEachTime implements StatementCustomizer {
  public static final StatementCustomizer INSTANCE = new PlannedEachTime();

  private PlannedEachTime() {}

  @Override
  public void beforeExecution(PreparedStatement statement, StatementContext context)
      throws SQLException {
    if (statement.isWrapperFor(PGStatement.class)) {
      // 0: never a named server-side statement, so each execution is parsed and planned afresh
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }
}
