package dev.terraauth.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's WAL back into the database file on a thread of its own, so the group commit
 * writer does not: left to SQLite, the connection whose commit crosses the auto-checkpoint
 * threshold does the copying (and the database file's fsync) inside that commit, while every
 * request of the batch waits. A PASSIVE checkpoint never blocks the writer; it copies what no
 * reader still needs, and a page written by many commits since the last checkpoint is copied once.
 * Durability is unchanged: a commit is durable once its WAL frames are synced, before any
 * checkpoint.
 *
 * <p>Under steady writes this thread never catches up with the last frame, so the WAL would never
 * start over and would grow without end. The writer connections therefore keep SQLite's own
 * auto-checkpoint at a higher threshold ({@link Database}): when the WAL reaches it, the committing
 * connection checkpoints the few frames this thread has not copied yet, with no other writer in
 * between, and the next commit writes the WAL from its start again.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  static final long EVERY_MILLIS = 200;

  private final Connection connection;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread checkpointer = new Thread(runnable, "terraauth-sqlite-checkpoint");
            checkpointer.setDaemon(true);
            return checkpointer;
          });
  private boolean failing;

  private WalCheckpointer(Connection connection) {
    this.connection = connection;
    thread.scheduleWithFixedDelay(
        this::checkpoint, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts checkpointing the database behind {@code source} on a connection of its own. */
  static WalCheckpointer start(DataSource source) throws SQLException {
    return new WalCheckpointer(source.getConnection());
  }

  private void checkpoint() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
      failing = false;
    } catch (SQLException e) {
      if (!failing) {
        // the auto-checkpoint backstop still bounds the WAL; say so once, not five times a second
        LOG.warn("WAL checkpoint failed ({}); retrying", e.getClass().getSimpleName());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.debug("closing the checkpoint connection failed: {}", e.getClass().getSimpleName());
    }
  }
}
