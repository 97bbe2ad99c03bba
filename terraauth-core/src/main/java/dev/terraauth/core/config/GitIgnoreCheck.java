package dev.terraauth.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Asks git whether a file is ignored. Degrades to "unknown" when git is absent or slow. */
final class GitIgnoreCheck {
  private static final long TIMEOUT_SECONDS = 5;

  private final String gitCommand;

  GitIgnoreCheck(String gitCommand) {
    this.gitCommand = gitCommand;
  }

  /**
   * True when git ignores the file, false when the file is in a work tree and not ignored (or
   * tracked), empty when unknown: not in a work tree, git missing, or git failed.
   */
  Optional<Boolean> isIgnored(Path file) {
    Path absolute = file.toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(
                gitCommand,
                "-C",
                absolute.getParent().toString(),
                "check-ignore",
                "-q",
                "--",
                absolute.getFileName().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return switch (process.exitValue()) {
        case 0 -> Optional.of(true);
        case 1 -> Optional.of(false);
        default -> Optional.empty(); // 128: not a git work tree, or another git error
      };
    } catch (IOException e) {
      return Optional.empty(); // git is not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
