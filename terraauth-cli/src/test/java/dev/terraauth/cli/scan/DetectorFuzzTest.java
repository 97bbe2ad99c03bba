package dev.terraauth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the scanner's line detector (corpus in
 * src/test/resources/dev/terraauth/cli/scan/DetectorFuzzTestInputs). The contract: any bytes give
 * candidates without an exception or a hang (the fuzz profile treats 10 s per input as a hang, the
 * symptom of regex backtracking), each on a line that exists, with a non-empty value.
 */
class DetectorFuzzTest {
  private static final Detector DETECTOR = new Detector();

  @FuzzTest(maxDuration = "10m")
  void detectsWithoutFailingOrHanging(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    List<Detector.Candidate> candidates = DETECTOR.detect(bytes, bytes.length);
    String text = new String(bytes, StandardCharsets.UTF_8);
    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    for (Detector.Candidate candidate : candidates) {
      assertThat(candidate.line()).isBetween(1, (int) lines);
      assertThat(candidate.column()).isNotNegative();
      assertThat(candidate.value()).isNotEmpty();
      assertThat(candidate.rule()).isNotNull();
    }
  }
}
