package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Our parser and dotenv-java agree on generated files within the common dialect: comment and blank
 * lines, unquoted, single- and double-quoted values (no escapes, no line breaks), spaces around
 * '=', trailing comments, LF or CRLF. The deliberate differences are in {@link DotenvFileTest}.
 */
class DotenvFilePropertyTest {
  private static final String SAFE = "abcXYZ019_./:+@-";

  @Property(tries = 300)
  void agreesWithDotenvJava(@ForAll("files") String content) throws IOException {
    Map<String, String> ours = new LinkedHashMap<>();
    DotenvFile parsed = DotenvFile.parse(content);
    parsed.entries().values().forEach(entry -> ours.put(entry.key(), entry.value()));

    assertThat(parsed.problems()).isEmpty();
    assertThat(ours).isEqualTo(dotenvJava(content));
  }

  static Map<String, String> dotenvJava(String content) throws IOException {
    Path directory = Files.createTempDirectory("dotenv-property");
    try {
      Files.writeString(directory.resolve(".env.test"), content, StandardCharsets.UTF_8);
      Map<String, String> theirs = new LinkedHashMap<>();
      for (DotenvEntry entry :
          Dotenv.configure()
              .directory(directory.toString())
              .filename(".env.test")
              .load()
              .entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        theirs.put(entry.getKey(), entry.getValue());
      }
      return theirs;
    } finally {
      Files.deleteIfExists(directory.resolve(".env.test"));
      Files.deleteIfExists(directory);
    }
  }

  @Provide
  Arbitrary<String> files() {
    Arbitrary<List<String>> lines = line().list().ofMaxSize(12);
    Arbitrary<String> ending = Arbitraries.of("\n", "\r\n");
    return Combinators.combine(lines, ending, Arbitraries.of(true, false))
        .as(
            (list, newline, finalNewline) -> {
              List<String> unique = uniqueKeys(list);
              return String.join(newline, unique)
                  + (finalNewline && !unique.isEmpty() ? newline : "");
            });
  }

  /** Later lines with an already used key are renamed, so both parsers see each key once. */
  private static List<String> uniqueKeys(List<String> lines) {
    List<String> result = new ArrayList<>();
    int counter = 0;
    for (String line : lines) {
      if (line.contains("=") && !line.strip().startsWith("#")) {
        result.add(line.replaceFirst("KEY_[A-Z0-9]*", "KEY_" + counter++));
      } else {
        result.add(line);
      }
    }
    return result;
  }

  private Arbitrary<String> line() {
    Arbitrary<String> blank = Arbitraries.of("", "   ", "\t");
    Arbitrary<String> comment = text(SAFE + " '\"#=").map(text -> "# " + text);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, blank),
        net.jqwik.api.Tuple.of(1, comment),
        net.jqwik.api.Tuple.of(5, entry()));
  }

  private Arbitrary<String> entry() {
    Arbitrary<String> unquoted =
        Combinators.combine(text(SAFE), text(SAFE + " "))
            .as((start, rest) -> start.isEmpty() ? "" : start + rest.stripTrailing());
    Arbitrary<String> doubled = text(SAFE + " #'").map(value -> "\"" + value + "\"");
    Arbitrary<String> value = Arbitraries.oneOf(unquoted, doubled);
    Arbitrary<String> around = Arbitraries.of("", " ", "  ");
    Arbitrary<String> trailing = Arbitraries.of("", " ", " # a comment", "  #", "\t# x 'y'");
    return Combinators.combine(around, around, value, trailing, around)
        .as(
            (indent, space, text, comment, afterEquals) ->
                indent + "KEY_X" + space + "=" + afterEquals + text + comment);
  }

  private static Arbitrary<String> text(String alphabet) {
    return Arbitraries.strings().withChars(alphabet).ofMaxLength(12);
  }
}
