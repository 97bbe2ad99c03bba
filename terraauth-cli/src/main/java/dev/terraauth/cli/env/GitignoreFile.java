package dev.terraauth.cli.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/** Adds a file name to a {@code .gitignore} unless a line already covers it. */
final class GitignoreFile {
  private GitignoreFile() {}

  /** True when a line was added, false when an existing line already ignores the name. */
  static boolean ensureIgnored(Path gitignore, String fileName) throws IOException {
    Set<String> covering =
        Set.of(fileName, "/" + fileName, ".env.terra.*", "/.env.terra.*", ".env.*", ".env*");
    String existing =
        Files.exists(gitignore) ? Files.readString(gitignore, StandardCharsets.UTF_8) : "";
    List<String> lines = existing.lines().map(String::strip).toList();
    if (lines.stream().anyMatch(covering::contains)) {
      return false;
    }
    String prefix = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
    Files.writeString(
        gitignore,
        prefix + "# terra-auth credentials (never commit)\n" + fileName + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return true;
  }
}
