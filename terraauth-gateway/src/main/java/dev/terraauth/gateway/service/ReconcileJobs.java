package dev.terraauth.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation on demand as a background job: {@code POST /admin/reconcile} starts one (or
 * returns the one already running here) and answers at once; {@code GET /admin/reconcile/{id}}
 * shows its progress and result. Runs across instances still take turns through the reconciler's
 * advisory lock; a run that finds it taken ends as {@code skipped}. Jobs live in this instance's
 * memory (the last {@value #KEPT_JOBS}). Thread-safe.
 */
public final class ReconcileJobs {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileJobs.class);
  static final int KEPT_JOBS = 20;

  /** A job's result lists at most this many changes; the count is always complete. */
  static final int LISTED_CHANGES = 1000;

  private final Reconciler reconciler;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "terraauth-reconcile-job");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Job> jobs =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
          return size() > KEPT_JOBS;
        }
      };
  private Job running;

  public ReconcileJobs(Reconciler reconciler, Clock clock) {
    this.reconciler = reconciler;
    this.clock = clock;
  }

  /** Where a job is. */
  public enum Status {
    RUNNING,
    DONE,
    SKIPPED,
    FAILED
  }

  /** One run and its progress. */
  public static final class Job implements Reconciler.Progress {
    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final AtomicInteger remoteListed = new AtomicInteger();
    private final AtomicInteger localChecked = new AtomicInteger();
    private volatile Status status = Status.RUNNING;
    private volatile Instant finishedAt;
    private volatile String detail;
    private volatile List<Reconciler.Change> changes = List.of();
    private volatile int changeCount;

    Job(Instant startedAt) {
      this.startedAt = startedAt;
    }

    public String id() {
      return id;
    }

    public Status status() {
      return status;
    }

    @Override
    public void remoteListed(int users) {
      remoteListed.set(users);
    }

    @Override
    public void localChecked(int connections) {
      localChecked.set(connections);
    }

    /** The JSON view for the admin API. */
    public Map<String, Object> view() {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", id);
      view.put("status", status.name().toLowerCase(Locale.ROOT));
      view.put("started_at", startedAt.toString());
      view.put("finished_at", finishedAt == null ? null : finishedAt.toString());
      view.put("terra_users_listed", remoteListed.get());
      view.put("local_connections_checked", localChecked.get());
      view.put("change_count", changeCount);
      view.put("changes", changes);
      view.put("changes_truncated", changeCount > changes.size());
      view.put("detail", detail);
      return view;
    }
  }

  /** Starts a run, or returns the one already running in this instance. */
  public synchronized Job start() {
    if (running != null && running.status == Status.RUNNING) {
      return running;
    }
    Job job = new Job(clock.instant());
    jobs.put(job.id, job);
    running = job;
    executor.execute(() -> run(job));
    return job;
  }

  public synchronized Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  private void run(Job job) {
    try {
      Reconciler.Report report = reconciler.reconcile(job);
      if (report.ran()) {
        job.changeCount = report.changes().size();
        job.changes =
            List.copyOf(
                new ArrayList<>(
                    report.changes().subList(0, Math.min(LISTED_CHANGES, job.changeCount))));
        job.status = Status.DONE;
      } else {
        job.detail = "another reconciliation (in this or another instance) holds the lock";
        job.status = Status.SKIPPED;
      }
    } catch (RuntimeException e) {
      LOG.warn("reconciliation job {} failed: {}", job.id, e.getMessage());
      job.detail = "failed: " + e.getMessage();
      job.status = Status.FAILED;
    } finally {
      job.finishedAt = clock.instant();
    }
  }
}
