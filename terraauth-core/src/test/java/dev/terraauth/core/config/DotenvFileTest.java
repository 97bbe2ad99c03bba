package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdimascio.dotenv.DotenvException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DotenvFileTest {
  private static Map<String, String> parse(String content) {
    DotenvFile parsed = DotenvFile.parse(content);
    assertThat(parsed.problems()).isEmpty();
    Map<String, String> values = new LinkedHashMap<>();
    parsed.entries().values().forEach(entry -> values.put(entry.key(), entry.value()));
    return values;
  }

  @Test
  void readsTheUsualRules() {
    String content =
        "# a comment\n"
            + "\n"
            + "PLAIN=value\n"
            + "  SPACED  =  spaced value  \n"
            + "COMMENTED=value # trailing comment\n"
            + "SINGLE='literal \\n $HOME # not a comment'\n"
            + "DOUBLE=\"tab\\there \\\"quoted\\\" back\\\\slash # kept\"\n"
            + "EMPTY=\n"
            + "EMPTY_QUOTED=\"\"\n"
            + "export EXPORTED=yes\n";

    assertThat(parse(content))
        .containsExactly(
            Map.entry("PLAIN", "value"),
            Map.entry("SPACED", "spaced value"),
            Map.entry("COMMENTED", "value"),
            Map.entry("SINGLE", "literal \\n $HOME # not a comment"),
            Map.entry("DOUBLE", "tab\there \"quoted\" back\\slash # kept"),
            Map.entry("EMPTY", ""),
            Map.entry("EMPTY_QUOTED", ""),
            Map.entry("EXPORTED", "yes"));
  }

  @Test
  void handlesCrlfAndByteOrderMark() {
    assertThat(parse("\uFEFFFIRST=1\r\nSECOND=\"2\"\r\n"))
        .containsExactly(Map.entry("FIRST", "1"), Map.entry("SECOND", "2"));
  }

  @Test
  void quotedValuesMaySpanLinesAndKeepTheirStartingLineNumber() {
    DotenvFile parsed = DotenvFile.parse("A=\"first\nsecond\"\nB='x\ny'\nC=3\n");

    assertThat(parsed.entries().get("A").value()).isEqualTo("first\nsecond");
    assertThat(parsed.entries().get("B").value()).isEqualTo("x\ny");
    assertThat(parsed.entries().get("C").line()).isEqualTo(5);
  }

  @Test
  void malformedLinesAreReportedByLineNumberWithoutTheirText() {
    DotenvFile parsed =
        DotenvFile.parse("OK=1\nsecret-looking-text\nQ=\"unterminated\nR='a' b\n1BAD=x\n");

    assertThat(parsed.problems())
        .containsExactly("line 2: not a KEY=value line", "line 3: Q has an unterminated \" quote");
    assertThat(String.join(" ", parsed.problems())).doesNotContain("secret-looking-text");
  }

  @Test
  void textAfterAClosingQuoteIsReported() {
    assertThat(DotenvFile.parse("R='a' b\nS=\"x\"y\n").problems())
        .containsExactly(
            "line 1: R has text after its closing ' quote",
            "line 2: S has text after its closing \" quote");
  }

  @Test
  void duplicateKeyKeepsTheLastValueWithAWarning() {
    DotenvFile parsed = DotenvFile.parse("K=1\nK=2\n");

    assertThat(parsed.entries().get("K").value()).isEqualTo("2");
    assertThat(parsed.warnings())
        .containsExactly("K is set twice (lines 1 and 2); line 2 wins: delete the other");
  }

  @Test
  void entriesNeverPrintTheirValue() {
    assertThat(DotenvFile.parse("K=fake-secret-0000\n").entries().get("K").toString())
        .isEqualTo("K (line 1)")
        .doesNotContain("fake-secret");
  }

  /** Each deliberate difference from dotenv-java, shown against dotenv-java itself. */
  @Nested
  class DeliberateDifferencesFromDotenvJava {
    @Test
    void exportPrefixIsRead() throws IOException {
      assertThat(parse("export A=1\n")).containsExactly(Map.entry("A", "1"));
      assertThatThrownBy(() -> DotenvFilePropertyTest.dotenvJava("export A=1\n"))
          .isInstanceOf(DotenvException.class);
    }

    @Test
    void singleQuotesAreRemoved() throws IOException {
      assertThat(parse("A='x y'\n")).containsExactly(Map.entry("A", "x y"));
      assertThat(DotenvFilePropertyTest.dotenvJava("A='x y'\n"))
          .containsExactly(Map.entry("A", "'x y'"));
    }

    @Test
    void escapesInDoubleQuotesAreDecoded() throws IOException {
      assertThat(parse("A=\"a\\tb\"\n")).containsExactly(Map.entry("A", "a\tb"));
      assertThat(DotenvFilePropertyTest.dotenvJava("A=\"a\\tb\"\n"))
          .containsExactly(Map.entry("A", "a\\tb"));
    }

    @Test
    void hashInsideAnUnquotedValueIsKept() throws IOException {
      assertThat(parse("A=ab#cd\n")).containsExactly(Map.entry("A", "ab#cd"));
      assertThat(DotenvFilePropertyTest.dotenvJava("A=ab#cd\n"))
          .containsExactly(Map.entry("A", "ab"));
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
      assertThat(parse("\uFEFFA=1\nB=2\n"))
          .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
      assertThatThrownBy(() -> DotenvFilePropertyTest.dotenvJava("\uFEFFA=1\nB=2\n"))
          .isInstanceOf(DotenvException.class);
    }

    @Test
    void malformedLineIsReportedByNumberNotEchoed() {
      assertThat(DotenvFile.parse("A=1\nfake-secret-0000\n").problems())
          .containsExactly("line 2: not a KEY=value line");
      assertThatThrownBy(() -> DotenvFilePropertyTest.dotenvJava("A=1\nfake-secret-0000\n"))
          .isInstanceOf(DotenvException.class)
          .hasMessageContaining("fake-secret-0000");
    }
  }
}
