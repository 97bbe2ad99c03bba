package dev.terraauth.gateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.terraauth.gateway.store.Database;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A migrated database for one test class: a temp SQLite file, or a fresh PostgreSQL schema. */
public final class TestDatabase implements AutoCloseable {
  public static final String POSTGRES_URL_VARIABLE = "TERRAAUTH_TEST_POSTGRES_URL";

  private final Database database;
  private final String postgresUrl;
  private final String schema;

  private TestDatabase(Database database, String postgresUrl, String schema) {
    this.database = database;
    this.postgresUrl = postgresUrl;
    this.schema = schema;
  }

  public static TestDatabase sqlite(Path directory) {
    return new TestDatabase(Database.sqlite(directory.resolve("gateway.db")), null, null);
  }

  /** Skips the calling test (assumption) when TERRAAUTH_TEST_POSTGRES_URL is not set. */
  public static TestDatabase postgres() {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    assumeTrue(
        url != null && !url.isBlank(),
        POSTGRES_URL_VARIABLE + " is not set: PostgreSQL tests skipped");
    String schema =
        "terraauth_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    execute(url, "CREATE SCHEMA " + schema);
    return new TestDatabase(Database.open(schemaUrl(url, schema)), url, schema);
  }

  /**
   * A fresh schema, or null when TERRAAUTH_TEST_POSTGRES_URL is not set: for {@code @BeforeAll},
   * where the tests then skip themselves one by one with {@link #assumeConfigured}.
   */
  public static TestDatabase postgresIfConfigured() {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    return url == null || url.isBlank() ? null : postgres();
  }

  /** Skips the calling test when its database could not be configured. */
  public static void assumeConfigured(TestDatabase database) {
    assumeTrue(database != null, POSTGRES_URL_VARIABLE + " is not set: PostgreSQL tests skipped");
  }

  /** The JDBC URL of this database (for a child process), or null for SQLite. */
  public String jdbcUrl() {
    return postgresUrl == null ? null : schemaUrl(postgresUrl, schema);
  }

  public static String schemaUrl(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public Database database() {
    return database;
  }

  private static void execute(String url, String sql) {
    try (var connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL test setup failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    database.close();
    if (schema != null) {
      execute(postgresUrl, "DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
