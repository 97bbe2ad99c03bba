package dev.terraauth.cli.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Scans what git holds: the staged index ({@code --staged}) and every reachable blob. */
final class GitSources {
  private static final int IN_FLIGHT = 64;

  private final Git git;
  private final Scanner scanner;
  private final PathPatterns ignore;
  private final long maxFileBytes;

  GitSources(Path workTree, Scanner scanner, PathPatterns ignore, long maxFileBytes)
      throws IOException {
    if (!Git.isWorkTree(workTree)) {
      throw new ScanException("not inside a git work tree");
    }
    Path top = Path.of(new Git(workTree).text("rev-parse", "--show-toplevel").strip());
    this.git = new Git(top);
    this.scanner = scanner;
    this.ignore = ignore;
    this.maxFileBytes = maxFileBytes;
  }

  /** What is about to be committed: the index version of each added, copied or modified file. */
  List<Finding> staged(LongAdder scanned, LongAdder total) throws IOException {
    List<String> requests = new ArrayList<>();
    for (String path :
        git.nulSeparated("diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR")) {
      if (!ignore.ignores(path, false) && path.indexOf('\n') < 0) {
        requests.add(":" + path);
      }
    }
    total.add(requests.size());
    List<Finding> findings = new ArrayList<>();
    git.catFile(
        requests,
        maxFileBytes,
        (request, content, length) -> {
          findings.addAll(scanner.scanBytes(request.substring(1), content, length));
          scanned.increment();
        });
    findings.sort(Scanner.ORDER);
    return findings;
  }

  /**
   * Every blob reachable from any ref, each read once; a finding names the path the blob was first
   * seen under and the commit that introduced it.
   */
  List<Finding> history(LongAdder scanned, LongAdder total) throws IOException {
    Map<String, String> pathByBlob = new LinkedHashMap<>();
    String listing = new String(listObjects(), StandardCharsets.UTF_8);
    for (String line : listing.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        String path = line.substring(space + 1);
        if (!ignore.ignores(path, false)) {
          pathByBlob.put(line.substring(0, space), path);
        }
      }
    }
    total.add(pathByBlob.size());
    Map<String, List<Finding>> findingsByBlob = new java.util.concurrent.ConcurrentHashMap<>();
    // One reader (git cat-file --batch), the per-line work on every core; at most IN_FLIGHT blobs
    // wait in memory.
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "terra-auth-scan-history");
              thread.setDaemon(true);
              return thread;
            });
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
    java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    try {
      git.catFile(
          new ArrayList<>(pathByBlob.keySet()),
          maxFileBytes,
          (blob, content, length) -> {
            if (!Prefilter.mentionsTerra(content, length)) {
              scanned.increment(); // most blobs end here, without a copy or a hand-over
              return;
            }
            byte[] copy = java.util.Arrays.copyOf(content, length);
            inFlight.acquireUninterruptibly();
            pool.execute(
                () -> {
                  try {
                    List<Finding> found = scanner.scanBytes(pathByBlob.get(blob), copy, length);
                    if (!found.isEmpty()) {
                      findingsByBlob.put(blob, found);
                    }
                    scanned.increment();
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e); // reported below: a scan never skips silently
                  } finally {
                    inFlight.release();
                  }
                });
          });
      inFlight.acquireUninterruptibly(IN_FLIGHT); // every hand-over finished
    } finally {
      pool.shutdownNow();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    Map<String, String> commits = introducingCommits(findingsByBlob.keySet());
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> entry : findingsByBlob.entrySet()) {
      String commit = commits.get(entry.getKey());
      for (Finding finding : entry.getValue()) {
        findings.add(finding.withCommit(commit));
      }
    }
    findings.sort(Scanner.ORDER);
    return findings;
  }

  /** Blobs only where git can filter (2.32+); older gits list trees too, cat-file skips them. */
  private byte[] listObjects() throws IOException {
    try {
      return git.run("rev-list", "--objects", "--all", "--filter=object:type=blob");
    } catch (ScanException oldGit) {
      return git.run("rev-list", "--objects", "--all");
    }
  }

  /**
   * The oldest commit whose diff adds each blob: one pass over {@code git log --raw} (oldest first)
   * however many blobs had findings.
   */
  private Map<String, String> introducingCommits(java.util.Set<String> blobs) throws IOException {
    Map<String, String> commits = new HashMap<>();
    if (blobs.isEmpty()) {
      return commits;
    }
    String[] current = new String[1];
    git.forEachLine(
        line -> {
          if (line.startsWith("commit ")) {
            current[0] = line.substring("commit ".length()).strip();
          } else if (line.startsWith(":")) {
            int tab = line.indexOf('\t');
            String[] fields = (tab < 0 ? line : line.substring(0, tab)).split(" ");
            if (fields.length >= 4 && blobs.contains(fields[3])) {
              commits.putIfAbsent(fields[3], current[0]);
            }
          }
        },
        "log",
        "--all",
        "--reverse",
        "--root",
        "-m",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--format=commit %H");
    return commits;
  }
}
