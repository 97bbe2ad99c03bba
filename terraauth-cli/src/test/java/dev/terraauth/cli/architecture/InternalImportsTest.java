package dev.terraauth.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source-level half of {@link ArchitectureTest}: tests of other modules may not reach into
 * {@code core.internal} either (ArchUnit sees only this module's test classes).
 */
class InternalImportsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** An import of, or a qualified reference to, a class in core.internal. */
  private static final Pattern CORE_INTERNAL =
      Pattern.compile("dev\\.terraauth\\.core\\.internal\\.[A-Z*]");

  @Test
  void noSourceOutsideCoreMentionsCoreInternal() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(ROOT)) {
      offenders =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> file.toString().contains("/src/"))
              .filter(file -> !ROOT.relativize(file).startsWith("terraauth-core"))
              .filter(InternalImportsTest::mentionsCoreInternal)
              .map(file -> ROOT.relativize(file).toString())
              .sorted()
              .toList();
    }
    assertThat(offenders).as("files outside core that use dev.terraauth.core.internal").isEmpty();
  }

  private static boolean mentionsCoreInternal(Path file) {
    try {
      return CORE_INTERNAL.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
