package dev.terraauth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorPairingTest {
  static final String TESTING_DEV_ID = "acme-testing-x1";
  static final String STAGING_DEV_ID = "acme-staging-x2";
  static final String KEY_1 = "Zq8rT2vLk9Wm4Ns7Xc1Bf6Hj3Pd5Ga0E";
  static final String KEY_2 = "Yw3eR8tUi2Op7As5Df9Gh1Jk4Lz6Xc0V";

  List<Detector.Candidate> detect(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new Detector().detect(bytes, bytes.length);
  }

  String devIdOf(List<Detector.Candidate> candidates, String key) {
    return candidates.stream()
        .filter(candidate -> candidate.value().equals(key))
        .findFirst()
        .orElseThrow()
        .devId();
  }

  @Test
  void eachKeyOfAShellLinePairsWithTheDevIdOfItsOwnAssignmentGroup() {
    List<Detector.Candidate> found =
        detect(
            "TERRA_DEV_ID="
                + TESTING_DEV_ID
                + " TERRA_API_KEY="
                + KEY_1
                + " ./run.sh; TERRA_DEV_ID="
                + STAGING_DEV_ID
                + " TERRA_API_KEY="
                + KEY_2
                + " ./run.sh\n");
    assertThat(devIdOf(found, KEY_1)).isEqualTo(TESTING_DEV_ID);
    assertThat(devIdOf(found, KEY_2)).isEqualTo(STAGING_DEV_ID);
  }

  @Test
  void eachKeyOfAJsonLinePairsWithTheDevIdOfItsOwnObject() {
    List<Detector.Candidate> found =
        detect(
            "[{\"api_key\": \""
                + KEY_1
                + "\", \"dev_id\": \""
                + TESTING_DEV_ID
                + "\"}, {\"api_key\": \""
                + KEY_2
                + "\", \"dev_id\": \""
                + STAGING_DEV_ID
                + "\"}]\n");
    assertThat(devIdOf(found, KEY_1)).isEqualTo(TESTING_DEV_ID);
    assertThat(devIdOf(found, KEY_2)).isEqualTo(STAGING_DEV_ID);
  }

  @Test
  void aKeyOnItsOwnLinePairsWithTheNearestLine() {
    List<Detector.Candidate> found =
        detect("TERRA_DEV_ID=" + STAGING_DEV_ID + "\nTERRA_API_KEY=" + KEY_1 + "\n");
    assertThat(devIdOf(found, KEY_1)).isEqualTo(STAGING_DEV_ID);
  }
}
