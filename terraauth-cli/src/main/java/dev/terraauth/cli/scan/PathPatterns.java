package dev.terraauth.cli.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gitignore-style patterns ({@code *}, {@code **}, {@code ?}, leading {@code /} anchors, trailing
 * {@code /} for directories, {@code !} to re-include, {@code #} comments), matched against
 * slash-separated paths relative to the directory holding the patterns. Used for {@code
 * .terra-auth-scan-ignore} and for {@code .gitignore} files outside a git work tree. Character
 * classes ({@code [abc]}) are supported; escaped trailing spaces are not.
 */
final class PathPatterns {
  private record Entry(Pattern regex, boolean negated, boolean directoryOnly) {}

  private final List<Entry> entries;

  private PathPatterns(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static PathPatterns none() {
    return new PathPatterns(List.of());
  }

  static PathPatterns read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static PathPatterns parse(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      if (negated) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      boolean anchored = line.startsWith("/") || line.indexOf('/') >= 0;
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
      entries.add(new Entry(Pattern.compile(regex), negated, directoryOnly));
    }
    return new PathPatterns(entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Whether the relative path is ignored: the last matching pattern wins; a path inside an ignored
   * directory is ignored.
   */
  boolean ignores(String relativePath, boolean directory) {
    String path = relativePath.replace('\\', '/');
    Boolean verdict = null;
    for (Entry entry : entries) {
      if (matchesSelfOrParent(entry, path, directory)) {
        verdict = !entry.negated();
      }
    }
    return verdict != null && verdict;
  }

  private static boolean matchesSelfOrParent(Entry entry, String path, boolean directory) {
    if ((directory || !entry.directoryOnly()) && entry.regex().matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (entry.regex().matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slashFollows = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        regex.append(slashFollows ? "(?:.*/)?" : ".*");
        i += slashFollows ? 2 : 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          regex.append("\\[");
        } else {
          String body = glob.substring(i + 1, close).replace("\\", "\\\\");
          regex
              .append('[')
              .append(body.startsWith("!") ? "^" + body.substring(1) : body)
              .append(']');
          i = close;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
