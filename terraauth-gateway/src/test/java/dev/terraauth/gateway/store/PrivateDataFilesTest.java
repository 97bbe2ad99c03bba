package dev.terraauth.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDataFilesTest {
  @TempDir Path directory;

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aNewDatabaseAndItsWalAndShmFilesAreOwnerOnly() throws Exception {
    Path dataDirectory = directory.resolve("fresh/data");
    Path file = dataDirectory.resolve("gateway.db");
    try (Database database = Database.sqlite(file)) {
      // a write in WAL mode: the -wal and -shm files exist while the database is open
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle.execute(
                      "INSERT INTO issue_rate_key (limit_key, touched_at_ms) VALUES ('k', 1)"));
      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(dataDirectory)).isEqualTo("rwx------");
      Path wal = dataDirectory.resolve("gateway.db-wal");
      Path shm = dataDirectory.resolve("gateway.db-shm");
      assertThat(wal).exists();
      assertThat(mode(wal)).isEqualTo("rw-------");
      assertThat(mode(shm)).isEqualTo("rw-------");
    }
  }

  @Test
  void aRollbackJournalIsOwnerOnlyToo() throws Exception {
    Path file = directory.resolve("journal/gateway.db");
    Database.sqlite(file).close();
    assertThat(mode(file)).isEqualTo("rw-------");
    // the gateway runs in WAL mode; a tool opening the file in rollback-journal mode makes SQLite
    // create gateway.db-journal, which takes the database file's mode as well
    Path journal = file.resolveSibling("gateway.db-journal");
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=DELETE");
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO issue_rate_key (limit_key, touched_at_ms) VALUES ('j', 1)");
      assertThat(journal).exists();
      assertThat(mode(journal)).isEqualTo("rw-------");
      connection.commit();
    }
  }

  @Test
  void existingFilesOthersCanReadAreReportedNotChanged() throws Exception {
    Path file = directory.resolve("gateway.db");
    Files.createFile(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(PrivateDataFiles.prepare(file))
        .hasSize(2)
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .contains("database file " + file)
                    .contains("rw-r--r--")
                    .contains("chmod 600"))
        .anySatisfy(
            warning -> assertThat(warning).contains("data directory").contains("chmod 700"));
    assertThat(mode(file)).isEqualTo("rw-r--r--");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    assertThat(PrivateDataFiles.prepare(file)).isEmpty();
  }
}
