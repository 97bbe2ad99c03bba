package dev.terraauth.cli.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Runs one scan in the mode the options chose and returns every finding (before the baseline). */
final class ScanRun {
  private final ScanOptions options;
  private final Scanner scanner;
  private final InputStream standardInput;
  private final LongAdder total = new LongAdder();

  ScanRun(ScanOptions options, Scanner scanner, InputStream standardInput) {
    this.options = options;
    this.scanner = scanner;
    this.standardInput = standardInput;
  }

  /** How many files or blobs this run will read, once known (for the progress line). */
  LongAdder total() {
    return total;
  }

  List<Finding> run(LongAdder scanned) throws IOException {
    return switch (options.mode()) {
      case STDIN -> stdin(scanned);
      case STAGED ->
          new GitSources(options.scanRoot(), scanner, options.ignore(), options.maxFileBytes())
              .staged(scanned, total);
      case HISTORY ->
          new GitSources(options.scanRoot(), scanner, options.ignore(), options.maxFileBytes())
              .history(scanned, total);
      case TREE -> tree(scanned);
    };
  }

  private List<Finding> stdin(LongAdder scanned) throws IOException {
    byte[] bytes = standardInput.readAllBytes();
    scanned.increment();
    return scanner.scanBytes("-", bytes, bytes.length);
  }

  private List<Finding> tree(LongAdder scanned) throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (Path target : options.targets()) {
      List<String> paths = new ArrayList<>();
      for (String path : TreeWalker.list(target)) {
        String fromRoot = fromScanRoot(target, path);
        if (!options.ignore().ignores(fromRoot, false)) {
          paths.add(path);
        }
      }
      total.add(paths.size());
      for (Finding finding : scanner.scanFiles(target, paths, scanned)) {
        findings.add(finding.withPath(fromScanRoot(target, finding.path())));
      }
    }
    findings.sort(Scanner.ORDER);
    return findings;
  }

  /** The path as shown: relative to the scan root when below it, as given otherwise. */
  private String fromScanRoot(Path target, String relativePath) {
    Path file =
        relativePath.isEmpty() || Files.isRegularFile(target)
            ? target
            : target.resolve(relativePath);
    Path root = options.scanRoot();
    return file.startsWith(root) ? TreeWalker.relative(root, file) : file.toString();
  }
}
