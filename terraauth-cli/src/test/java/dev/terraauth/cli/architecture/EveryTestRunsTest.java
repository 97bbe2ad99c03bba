package dev.terraauth.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check behind "every test runs": a test class whose name matches neither surefire's nor
 * failsafe's includes compiles, passes and is never executed, which once hid seven webhook
 * tampering properties. This reads the includes from the root {@code pom.xml} (so it checks what
 * Maven actually runs) and every module's test sources.
 */
class EveryTestRunsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** JUnit Jupiter and jqwik annotations that make a method a test. */
  private static final Pattern TEST_METHOD =
      Pattern.compile(
          "^\\s*@(?:[\\w.]+\\.)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b",
          Pattern.MULTILINE);

  private static final Pattern ABSTRACT_CLASS =
      Pattern.compile("^\\s*(public\\s+)?abstract\\s+class\\s", Pattern.MULTILINE);

  private static final Pattern INCLUDE = Pattern.compile("<include>([^<]+)</include>");

  @Test
  void everyTestClassMatchesSurefireOrFailsafeIncludes() throws IOException {
    List<PathMatcher> includes = includes();
    assertThat(includes).as("includes in %s", ROOT.resolve("pom.xml")).hasSizeGreaterThan(1);
    List<Path> sources = testSources();
    assertThat(sources).as("test sources under %s", ROOT).hasSizeGreaterThan(50);
    List<String> neverRun = new ArrayList<>();
    for (Path source : sources) {
      String text = Files.readString(source);
      if (TEST_METHOD.matcher(text).find() && !ABSTRACT_CLASS.matcher(text).find()) {
        Path relative = testSourceRoot(source).relativize(source);
        if (includes.stream().noneMatch(include -> include.matches(relative))) {
          neverRun.add(ROOT.relativize(source).toString());
        }
      }
    }
    assertThat(neverRun)
        .as("test classes that neither surefire (*Test) nor failsafe (*IT) would run: rename them")
        .isEmpty();
  }

  private static List<PathMatcher> includes() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    List<PathMatcher> matchers = new ArrayList<>();
    Matcher include = INCLUDE.matcher(pom);
    while (include.find()) {
      // Maven's "**/*Test.java" also matches a file directly in the root; glob "**/" does not.
      String glob = include.group(1).trim().replace("**/", "{**/,}");
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
    return matchers;
  }

  private static List<Path> testSources() throws IOException {
    try (Stream<Path> modules = Files.list(ROOT)) {
      List<Path> roots =
          modules
              .map(module -> module.resolve("src/test/java"))
              .filter(Files::isDirectory)
              .toList();
      List<Path> sources = new ArrayList<>();
      for (Path root : roots) {
        try (Stream<Path> files = Files.walk(root)) {
          files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      return sources;
    }
  }

  private static Path testSourceRoot(Path source) {
    Path path = source;
    while (!path.endsWith("src/test/java")) {
      path = path.getParent();
    }
    return path;
  }
}
