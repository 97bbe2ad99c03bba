package dev.terraauth.cli.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one invocation scans and with which baseline and ignore file, resolved against the working
 * directory. The baseline and ignore file are looked up at the scan root: the scanned directory, or
 * the repository's top level for {@code --staged}/{@code --history}.
 */
record ScanOptions(
    Mode mode,
    List<Path> targets,
    Path scanRoot,
    Path baselineFile,
    Baseline baseline,
    PathPatterns ignore,
    long maxFileBytes) {

  /** The project's list of paths never to scan (gitignore syntax). */
  static final String IGNORE_FILE = ".terra-auth-scan-ignore";

  enum Mode {
    TREE,
    STDIN,
    STAGED,
    HISTORY
  }

  static ScanOptions resolve(ScanCommand command, Path workingDirectory) throws IOException {
    if (command.staged && command.history) {
      throw new ScanException("choose one of --staged and --history");
    }
    if ((command.staged || command.history) && !command.paths.isEmpty()) {
      throw new ScanException("--staged and --history scan the repository; drop the paths");
    }
    if (command.json && command.sarif) {
      throw new ScanException("choose one of --json and --sarif");
    }
    if (command.maxFileBytes <= 0) {
      throw new ScanException("--max-file-size must be positive");
    }
    Mode mode;
    Path scanRoot;
    List<Path> targets;
    if (command.staged || command.history) {
      mode = command.staged ? Mode.STAGED : Mode.HISTORY;
      if (!Git.isWorkTree(workingDirectory)) {
        throw new ScanException("not inside a git work tree");
      }
      scanRoot = Path.of(new Git(workingDirectory).text("rev-parse", "--show-toplevel").strip());
      targets = List.of(scanRoot);
    } else if (command.paths.equals(List.of("-"))) {
      mode = Mode.STDIN;
      scanRoot = workingDirectory;
      targets = List.of();
    } else {
      if (command.paths.contains("-")) {
        throw new ScanException("'-' (standard input) cannot be combined with paths");
      }
      mode = Mode.TREE;
      targets =
          (command.paths.isEmpty() ? List.of(".") : command.paths)
              .stream().map(path -> workingDirectory.resolve(path).normalize()).toList();
      Path first = targets.get(0);
      scanRoot = targets.size() == 1 && Files.isDirectory(first) ? first : workingDirectory;
    }
    Path baselineFile =
        command.baselineFile != null
            ? workingDirectory.resolve(command.baselineFile)
            : scanRoot.resolve(Baseline.FILE_NAME);
    Baseline baseline =
        Files.isRegularFile(baselineFile) && !command.writeBaseline
            ? readBaseline(baselineFile)
            : Baseline.empty();
    if (command.baselineFile != null
        && !Files.isRegularFile(baselineFile)
        && !command.writeBaseline) {
      throw new ScanException("baseline file not found: " + command.baselineFile);
    }
    Path ignoreFile = scanRoot.resolve(IGNORE_FILE);
    PathPatterns ignore =
        Files.isRegularFile(ignoreFile) ? PathPatterns.read(ignoreFile) : PathPatterns.none();
    return new ScanOptions(
        mode, targets, scanRoot, baselineFile, baseline, ignore, command.maxFileBytes);
  }

  private static Baseline readBaseline(Path file) {
    try {
      return Baseline.read(file);
    } catch (IOException unreadable) {
      throw new ScanException("cannot read the baseline " + file.getFileName(), unreadable);
    }
  }
}
