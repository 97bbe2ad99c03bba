package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the dotenv parser (corpus in
 * src/test/resources/dev/terraauth/core/config/DotenvFileFuzzTestInputs). The contract: any text
 * parses without an exception, keys are well-formed, line numbers exist, and no problem or warning
 * repeats a value (the marker value stands for a secret the user pasted).
 */
class DotenvFileFuzzTest {
  // a space and a "!" keep the marker out of key names, which problems may name by design
  private static final String MARKER = "zq9!SECRET zq9";

  @FuzzTest(maxDuration = "10m")
  void parsesAnyTextWithoutEchoingValues(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString().replace("@@", MARKER);
    DotenvFile file = DotenvFile.parse(text);
    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    for (DotenvFile.Entry entry : file.entries().values()) {
      assertThat(entry.key()).matches("[A-Za-z_][A-Za-z0-9_.\\-]*");
      assertThat(entry.line()).isBetween(1, (int) lines);
      assertThat(entry.toString()).doesNotContain(MARKER);
    }
    assertThat(file.problems()).allSatisfy(p -> assertThat(p).doesNotContain(MARKER));
    assertThat(file.warnings()).allSatisfy(w -> assertThat(w).doesNotContain(MARKER));
  }
}
