package dev.terraauth.core.config;

import java.nio.file.Path;

/** Paths as people should see them: relative to the working directory when inside it. */
final class PathDisplay {
  private final Path workingDirectory;

  /** {@code workingDirectory} absolute and normalised. */
  PathDisplay(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  String of(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)
        ? workingDirectory.relativize(absolute).toString()
        : absolute.toString();
  }
}
