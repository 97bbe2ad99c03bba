package dev.terraauth.gateway.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>The writer keeps one handle (one connection) open, with its prepared statements, and replaces
 * it after a failure and every few minutes. Once a batch committed, its futures are completed on
 * the {@code completions} executor in a few chunks (one per core), so that the writer thread only
 * commits, and a batch wakes a few threads instead of one per write.
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** One unit of work in the batch's transaction. */
  @FunctionalInterface
  public interface Write<T> {
    T run(Handle handle);
  }

  /**
   * Writes of one kind that run together: {@code runAll} gets every such item of the batch (in
   * order) and returns one result per item, so a batch costs a few statements, not a few per item.
   */
  @FunctionalInterface
  public interface BulkWrite<I, R> {
    List<R> runAll(Handle handle, List<I> items);
  }

  /** Observes each committed batch (size, commit time): for metrics. */
  @FunctionalInterface
  public interface BatchListener {
    void committed(int size, Duration elapsed);
  }

  /** Batches run in orderKey order, so instances sharing a database lock rows in one order. */
  private record Pending<T>(
      String orderKey,
      Write<T> write,
      BulkWrite<Object, T> bulk,
      Object item,
      CompletableFuture<T> result) {
    void runInto(Handle handle, List<Runnable> completions) {
      T value = write.run(handle);
      completions.add(() -> result.complete(value));
    }
  }

  /** How long the writer keeps one connection before it takes a fresh one from the pool. */
  private static final long HANDLE_LIFETIME_NANOS = Duration.ofMinutes(5).toNanos();

  private static final int COMPLETION_CHUNKS =
      Math.max(1, Runtime.getRuntime().availableProcessors());

  private static final int INLINE_COMPLETIONS = 2;

  private static final Comparator<Pending<?>> BY_ORDER_KEY =
      Comparator.comparing(Pending::orderKey, Comparator.nullsLast(Comparator.naturalOrder()));

  private final Jdbi jdbi;
  private final int batchSize;
  private final long batchWaitNanos;
  private final BlockingQueue<Pending<?>> queue;
  private final BatchListener listener;
  private final Executor completions;
  private final Thread thread;
  private volatile boolean running = true;
  // touched by the writer thread only
  private Handle handle;
  private long handleOpenedAt;

  /** Completes each batch's futures on the writer thread itself. */
  public GroupCommitWriter(
      Jdbi jdbi, int batchSize, Duration batchWait, int queueCapacity, BatchListener listener) {
    this(jdbi, batchSize, batchWait, queueCapacity, listener, Runnable::run);
  }

  /**
   * @param completions where the futures of a committed (or failed) batch are completed, and so
   *     where whatever the callers chained on them runs (for the gateway, the HTTP thread pool)
   */
  public GroupCommitWriter(
      Jdbi jdbi,
      int batchSize,
      Duration batchWait,
      int queueCapacity,
      BatchListener listener,
      Executor completions) {
    this.jdbi = jdbi;
    this.completions = completions;
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
    } else if (!queue.offer(new Pending<>(orderKey, write, null, null, result))) {
      result.completeExceptionally(
          new StoreUnavailableException("too many writes are waiting for the database", null));
    }
    return result;
  }

  /**
   * Queues one item of a bulk write; all items of the same {@code bulk} in a batch run in one call
   * (after the batch's single writes), in submission order.
   */
  @SuppressWarnings("unchecked")
  public <I, R> CompletableFuture<R> submitBulk(BulkWrite<I, R> bulk, I item) {
    CompletableFuture<R> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new StoreUnavailableException("the writer is stopped", null));
    } else if (!queue.offer(new Pending<>(null, null, (BulkWrite<Object, R>) bulk, item, result))) {
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
    discardHandle();
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
      List<Runnable> done = run(batch);
      listener.committed(batch.size(), Duration.ofNanos(System.nanoTime() - start));
      complete(done);
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
          complete(run(alone));
        } catch (RuntimeException single) {
          fail(alone, single);
        }
      }
    }
  }

  private List<Runnable> run(List<Pending<?>> batch) {
    try {
      return handle().inTransaction(transaction -> runIn(transaction, batch));
    } catch (RuntimeException | Error e) {
      // the connection may be what failed: the next attempt takes a fresh one
      discardHandle();
      throw e;
    }
  }

  private Handle handle() {
    if (handle != null && System.nanoTime() - handleOpenedAt > HANDLE_LIFETIME_NANOS) {
      discardHandle();
    }
    if (handle == null) {
      handle = jdbi.open();
      handle.setStatementBuilder(new ReusedStatements());
      handleOpenedAt = System.nanoTime();
    }
    return handle;
  }

  private void discardHandle() {
    if (handle != null) {
      try {
        handle.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the writer's connection failed: {}", e.getClass().getSimpleName());
      }
      handle = null;
    }
  }

  /** One batch transaction: the single writes in order, then each kind of bulk write at once. */
  private static List<Runnable> runIn(Handle handle, List<Pending<?>> batch) {
    List<Runnable> completions = new ArrayList<>(batch.size());
    Map<BulkWrite<Object, ?>, List<Pending<?>>> bulks = new LinkedHashMap<>();
    for (Pending<?> pending : batch) {
      if (pending.bulk() == null) {
        pending.runInto(handle, completions);
      } else {
        bulks.computeIfAbsent(pending.bulk(), key -> new ArrayList<>()).add(pending);
      }
    }
    for (Map.Entry<BulkWrite<Object, ?>, List<Pending<?>>> bulk : bulks.entrySet()) {
      runBulk(handle, bulk.getKey(), bulk.getValue(), completions);
    }
    return completions;
  }

  /**
   * Runs the completions of a batch on the completions executor, in a few chunks; a batch of one or
   * two (a quiet moment) is completed here, saving its callers a thread hop.
   */
  private void complete(List<Runnable> done) {
    if (done.size() <= INLINE_COMPLETIONS) {
      done.forEach(Runnable::run);
      return;
    }
    int chunks = Math.min(COMPLETION_CHUNKS, done.size());
    int from = 0;
    for (int chunk = 0; chunk < chunks; chunk++) {
      int to = from + (done.size() - from) / (chunks - chunk);
      List<Runnable> part = done.subList(from, to);
      Runnable all = () -> part.forEach(Runnable::run);
      try {
        completions.execute(all);
      } catch (RejectedExecutionException e) {
        all.run(); // the executor is stopping: complete here rather than leave anyone waiting
      }
      from = to;
    }
  }

  @SuppressWarnings("unchecked")
  private static void runBulk(
      Handle handle,
      BulkWrite<Object, ?> bulk,
      List<Pending<?>> items,
      List<Runnable> completions) {
    List<Object> inputs = new ArrayList<>(items.size());
    for (Pending<?> pending : items) {
      inputs.add(pending.item());
    }
    List<?> results = bulk.runAll(handle, inputs);
    if (results.size() != items.size()) {
      throw new IllegalStateException("a bulk write returned the wrong number of results");
    }
    for (int i = 0; i < items.size(); i++) {
      CompletableFuture<Object> result = (CompletableFuture<Object>) items.get(i).result();
      Object value = results.get(i);
      completions.add(() -> result.complete(value));
    }
  }

  private void fail(List<Pending<?>> batch, Throwable cause) {
    // the message names the kind of failure only: a driver's message may quote bound values
    LOG.warn("database write failed: {}", cause.getClass().getSimpleName());
    StoreUnavailableException failure =
        cause instanceof StoreUnavailableException unavailable
            ? unavailable
            : new StoreUnavailableException("the database write failed", cause);
    List<Runnable> failed = new ArrayList<>(batch.size());
    for (Pending<?> pending : batch) {
      failed.add(() -> pending.result().completeExceptionally(failure));
    }
    complete(failed);
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
