package dev.terraauth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholdersTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<YOUR_API_KEY>",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "changeme",
        "${TERRA_API_KEY}",
        "TERRA_API_KEY",
        "process.env.TERRA_API_KEY",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abc123",
        "your-api-key-goes-here-0000000000",
        "local-api-key-not-secret-0000",
        "123e4567-e89b-12d3-a456-426614174000",
        "3f786850e387550fdab836ed7e6dc881de23001b",
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
        "abababababababababababababababababababab"
      })
  void standInsAreNotApiKeys(String value) {
    assertThat(Placeholders.plausibleApiKey(value)).isFalse();
  }

  @Test
  void randomBase62ValuesOfKeyLengthAreApiKeys() {
    Random random = new Random(5);
    for (int i = 0; i < 200; i++) {
      assertThat(Placeholders.plausibleApiKey(ScanFixtures.randomKey(random, 32 + i % 12)))
          .isTrue();
    }
  }

  @Test
  void randomKeysWithoutADigitAreFoundAndLongNamesAreNot() {
    // two keys a seeded corpus run once missed: base62 draws that happen to hold no digit
    // (split, so that scanning this repository does not report them)
    assertThat(Placeholders.plausibleApiKey("AKkGOENSJBavMZXHfHgm" + "ipMgUzlUrFObgVuBcBWF"))
        .isTrue();
    assertThat(Placeholders.plausibleApiKey("eMxOdFoxBHadymsImuWP" + "MaRNyWjbXkJiSJhJnsLe"))
        .isTrue();
    Random random = new Random(9);
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    int found = 0;
    for (int i = 0; i < 1000; i++) {
      StringBuilder key = new StringBuilder();
      for (int c = 0; c < 40; c++) {
        key.append(letters.charAt(random.nextInt(letters.length())));
      }
      found += Placeholders.plausibleApiKey(key.toString()) ? 1 : 0;
    }
    assertThat(found).isGreaterThanOrEqualTo(990);
    for (String name :
        List.of(
            "getTerraAuthenticationWidgetSessionToken",
            "TerraWebhookSigningSecretVerificationFailed",
            "ConnectionStateChangedBecauseOfDeauthentication",
            "thisIsTheDefaultTerraApiKeyPropertyName",
            "maximumNumberOfRetriesBeforeGivingUpNow",
            "PleaseSetTheTerraDevIdEnvironmentVariable")) {
      assertThat(Placeholders.plausibleApiKey(name)).as(name).isFalse();
      assertThat(Placeholders.plausibleSecret(name)).as(name).isFalse();
    }
  }

  @Test
  void shannonEntropyOfKnownStrings() {
    assertThat(Entropy.bitsPerChar("aaaa")).isZero();
    assertThat(Entropy.bitsPerChar("abcd")).isEqualTo(2.0);
  }

  @Test
  void prefilterMatchesKeywordsInAnyCase() {
    for (String text : List.of("x TERRA y", "a Dev-Id: b", "devId=", "DEV_ID", "dev.id")) {
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(Prefilter.mentionsTerra(bytes, bytes.length)).as(text).isTrue();
    }
    byte[] unrelated = "api_key = something else entirely".getBytes();
    assertThat(Prefilter.mentionsTerra(unrelated, unrelated.length)).isFalse();
  }

  @Test
  void keysInFilesWithoutTerraContextAreNotFindings() {
    String line = "OTHER_VENDOR_API_KEY=" + ScanFixtures.randomKey(new Random(3), 40) + "\n";
    byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(new Scanner(KnownCredentials.none(), 1000).scanBytes("x", bytes, bytes.length))
        .isEmpty();
  }
}
