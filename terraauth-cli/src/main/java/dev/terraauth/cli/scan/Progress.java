package dev.terraauth.cli.scan;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * "1234/5678 files scanned (21%)" on standard error, rewritten in place, only when standard error
 * is a terminal and the scan is still running after a second. Closing it clears the line.
 */
final class Progress implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final PrintWriter err;
  private volatile boolean shown;

  private Progress(ScheduledExecutorService timer, PrintWriter err) {
    this.timer = timer;
    this.err = err;
  }

  static Progress start(boolean enabled, PrintWriter err, LongAdder scanned, LongAdder total) {
    if (!enabled) {
      return new Progress(null, err);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "terra-auth-scan-progress");
              thread.setDaemon(true);
              return thread;
            });
    Progress progress = new Progress(timer, err);
    timer.scheduleAtFixedRate(
        () -> {
          progress.shown = true;
          err.print("\rterra-auth scan: " + line(scanned.sum(), total.sum()));
          err.flush();
        },
        1000,
        250,
        TimeUnit.MILLISECONDS);
    return progress;
  }

  /** "1234/5678 files (21%)" once the total is known, "1234 files..." while listing. */
  static String line(long done, long total) {
    if (total <= 0) {
      return done + " files scanned...";
    }
    return done + "/" + total + " files scanned (" + (done * 100 / total) + "%)   ";
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    if (shown) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
    }
  }
}
