package dev.terraauth.gateway.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread runs the writes waiting for it in one transaction, so a batch
 * costs one commit (one fsync) however many requests it carries, and completes each write's future
 * only after that commit returned. A batch that fails is retried write by write in transactions of
 * their own, so a bad write (or a deadlock with another instance) fails only itself, with {@link
 * StoreUnavailableException}. Thread-safe.
 *
 * <p>Writes must touch nothing but the database through the handle they are given: a write may run
 * twice (once in the failed batch, once alone).
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** One unit of work in the batch's transaction. */
  @FunctionalInterface
  public interface Write<T> {
    T run(Handle handle);
  }

  /** Observes each committed batch (size, commit time): for metrics. */
  @FunctionalInterface
  public interface BatchListener {
    void committed(int size, Duration elapsed);
  }

  /** Batches run in orderKey order, so instances sharing a database lock rows in one order. */
  private record Pending<T>(String orderKey, Write<T> write, CompletableFuture<T> result) {
    void runInto(Handle handle, List<Runnable> completions) {
      T value = write.run(handle);
      completions.add(() -> result.complete(value));
    }
  }

  private static final Comparator<Pending<?>> BY_ORDER_KEY =
      Comparator.comparing(Pending::orderKey, Comparator.nullsLast(Comparator.naturalOrder()));

  private final Jdbi jdbi;
  private final int batchSize;
  private final long batchWaitNanos;
  private final BlockingQueue<Pending<?>> queue;
  private final BatchListener listener;
  private final Thread thread;
  private volatile boolean running = true;

  public GroupCommitWriter(
      Jdbi jdbi, int batchSize, Duration batchWait, int queueCapacity, BatchListener listener) {
    this.jdbi = jdbi;
    this.batchSize = batchSize;
    this.batchWaitNanos = batchWait.toNanos();
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.listener = listener;
    this.thread = new Thread(this::loop, "terraauth-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues a write; the future completes once its batch committed, or exceptionally with {@link
   * StoreUnavailableException} (queue full, database failure, writer stopped).
   */
  public <T> CompletableFuture<T> submit(Write<T> write) {
    return submit(null, write);
  }

  /**
   * Like {@link #submit(Write)}; within a batch, writes run in {@code orderKey} order (nulls last)
   * so that two instances committing the same keys take their locks in the same order instead of
   * deadlocking.
   */
  public <T> CompletableFuture<T> submit(String orderKey, Write<T> write) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new StoreUnavailableException("the writer is stopped", null));
    } else if (!queue.offer(new Pending<>(orderKey, write, result))) {
      result.completeExceptionally(
          new StoreUnavailableException("too many writes are waiting for the database", null));
    }
    return result;
  }

  /** Like {@link #submit} and waits: for callers on a request thread of their own. */
  public <T> T write(Write<T> write) {
    try {
      return submit(write).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private void loop() {
    List<Pending<?>> batch = new ArrayList<>(batchSize);
    while (running || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        collect(batch);
        batch.sort(BY_ORDER_KEY);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        // never let the one writer die: fail what it held and carry on
        fail(batch, e);
      } finally {
        batch.clear();
      }
    }
    Pending<?> left;
    while ((left = queue.poll()) != null) {
      left.result()
          .completeExceptionally(new StoreUnavailableException("the writer stopped", null));
    }
  }

  /** Adds whatever is waiting, and waits up to batchWait for more, up to batchSize. */
  private void collect(List<Pending<?>> batch) throws InterruptedException {
    queue.drainTo(batch, batchSize - batch.size());
    long deadline = System.nanoTime() + batchWaitNanos;
    while (batch.size() < batchSize && batchWaitNanos > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Pending<?> next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
      queue.drainTo(batch, batchSize - batch.size());
    }
  }

  private void commit(List<Pending<?>> batch) {
    long start = System.nanoTime();
    try {
      List<Runnable> completions = run(batch);
      listener.committed(batch.size(), Duration.ofNanos(System.nanoTime() - start));
      completions.forEach(Runnable::run);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        fail(batch, e);
        return;
      }
      LOG.warn(
          "a batch of {} writes failed ({}); retrying them one by one",
          batch.size(),
          e.getClass().getSimpleName());
      for (Pending<?> pending : batch) {
        List<Pending<?>> alone = List.of(pending);
        try {
          run(alone).forEach(Runnable::run);
        } catch (RuntimeException single) {
          fail(alone, single);
        }
      }
    }
  }

  private List<Runnable> run(List<Pending<?>> batch) {
    return jdbi.inTransaction(
        handle -> {
          List<Runnable> completions = new ArrayList<>(batch.size());
          for (Pending<?> pending : batch) {
            pending.runInto(handle, completions);
          }
          return completions;
        });
  }

  private static void fail(List<Pending<?>> batch, Throwable cause) {
    // the message names the kind of failure only: a driver's message may quote bound values
    LOG.warn("database write failed: {}", cause.getClass().getSimpleName());
    StoreUnavailableException failure =
        cause instanceof StoreUnavailableException unavailable
            ? unavailable
            : new StoreUnavailableException("the database write failed", cause);
    batch.forEach(pending -> pending.result().completeExceptionally(failure));
  }

  /** Stops taking writes, finishes those queued (up to the timeout) and stops the thread. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** For tests and metrics: writes waiting now. */
  public int waiting() {
    return queue.size();
  }
}
