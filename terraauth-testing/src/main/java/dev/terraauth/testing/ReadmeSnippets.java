package dev.terraauth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the README's code blocks honest: a test runs a region of its own source, and {@link
 * #assertReadmeShows} fails unless the README block is that region, token for token (whitespace and
 * end-of-line comments aside). Editing either side without the other breaks the build. A line of
 * the region that ends in {@code // test only} (an assertion inside a block) is not compared.
 */
public final class ReadmeSnippets {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```");
  private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(^|\\s)//.*$");
  private static final Pattern TEST_ONLY = Pattern.compile("(?m)^.*// test only$\\n?");

  private ReadmeSnippets() {}

  /**
   * Fails unless the one {@code language} block of the README that contains {@code marker} equals
   * the region {@code // README: name} ... {@code // README end} of {@code testClass}'s source.
   */
  public static void assertReadmeShows(
      String language, String marker, Class<?> testClass, String name) {
    String block = block(language, marker);
    String region = region(testClass, name);
    if (!normalize(block).equals(normalize(region))) {
      throw new AssertionError(
          "README.md's "
              + language
              + " block with '"
              + marker
              + "' is not what "
              + testClass.getSimpleName()
              + " runs (region '"
              + name
              + "'):\n--- README ---\n"
              + block
              + "--- test ---\n"
              + region);
    }
  }

  /** The one code block of the README in {@code language} that contains {@code marker}. */
  public static String block(String language, String marker) {
    List<String> found = new ArrayList<>();
    Matcher fence = FENCE.matcher(read(readme()));
    while (fence.find()) {
      if (fence.group(1).equals(language) && fence.group(2).contains(marker)) {
        found.add(fence.group(2));
      }
    }
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " README " + language + " blocks contain '" + marker + "', expected 1");
    }
    return found.get(0);
  }

  /**
   * The lines between {@code // README: name} and {@code // README end} of a test's source, without
   * those marked {@code // test only}.
   */
  public static String region(Class<?> testClass, String name) {
    Path source =
        Path.of("src/test/java", testClass.getName().replace('.', '/') + ".java").toAbsolutePath();
    String text = read(source);
    String start = "// README: " + name + "\n";
    int from = text.indexOf(start);
    int to = from < 0 ? -1 : text.indexOf("// README end", from);
    if (from < 0 || to < 0) {
      throw new AssertionError(source + " has no region '" + name + "'");
    }
    return TEST_ONLY.matcher(text.substring(from + start.length(), to)).replaceAll("");
  }

  /** Code without end-of-line comments and whitespace, so formatting does not matter. */
  static String normalize(String code) {
    return LINE_COMMENT.matcher(code).replaceAll("").replaceAll("\\s+", "");
  }

  /** README.md of the repository: the first one found from the working directory upwards. */
  static Path readme() {
    for (Path directory = Path.of("").toAbsolutePath();
        directory != null;
        directory = directory.getParent()) {
      Path readme = directory.resolve("README.md");
      if (Files.isRegularFile(readme) && Files.isDirectory(directory.resolve("terraauth-core"))) {
        return readme;
      }
    }
    throw new AssertionError("no README.md above " + Path.of("").toAbsolutePath());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
