package dev.terraauth.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The gateway's database: a pooled {@link DataSource} (SQLite in WAL mode by default, PostgreSQL by
 * JDBC URL), migrated by Flyway at start, and the one {@link Jdbi} built on it. Thread-safe.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final boolean postgres;

  private Database(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.jdbi = Jdbi.create(dataSource);
    // Bound values include whole webhook bodies and user ids: an exception message carries the
    // database's own error, never the statement or its values (the default rendering prints
    // every one of them).
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
  }

  /**
   * Opens (creating if needed, owner-only: see {@link PrivateDataFiles}) the SQLite file and
   * migrates it.
   */
  public static Database sqlite(Path file) {
    PrivateDataFiles.prepare(file).forEach(LOG::warn);
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    sqlite.enforceForeignKeys(true);
    // Writers take the lock at BEGIN, so two read-then-write transactions never deadlock.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig config = new HikariConfig();
    config.setDataSource(source);
    config.setPoolName("terraauth-sqlite");
    config.setMaximumPoolSize(4);
    return migrate(new HikariDataSource(config), false);
  }

  /**
   * Connects to the database at a JDBC URL ({@code jdbc:postgresql:...} or {@code
   * jdbc:sqlite:...}).
   */
  public static Database open(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return sqlite(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())));
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "unsupported database URL: use jdbc:postgresql:... or jdbc:sqlite:<file>");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    // PostgreSQL's error detail quotes the offending values ("Key (dedupe_key)=(...)"): keep it out
    // of exception messages and so out of the log.
    config.addDataSourceProperty("logServerErrorDetail", "false");
    config.setPoolName("terraauth-postgres");
    config.setMaximumPoolSize(8);
    return migrate(new HikariDataSource(config), true);
  }

  private static Database migrate(HikariDataSource dataSource, boolean postgres) {
    try {
      // db/vendor/postgresql holds what only PostgreSQL needs (SQLite ignores VARCHAR lengths)
      String[] locations =
          postgres
              ? new String[] {"classpath:db/migration", "classpath:db/vendor/postgresql"}
              : new String[] {"classpath:db/migration"};
      Flyway.configure()
          .dataSource(dataSource)
          .locations(locations)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource, postgres);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** True on PostgreSQL, where several gateway instances may share the database. */
  public boolean isPostgres() {
    return postgres;
  }

  /** Whether a connection can be obtained and answers a trivial query. */
  public boolean isHealthy() {
    try {
      return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one())
          == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
