package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of signing, verifying and parsing; "Done when" of the webhook issue. */
class WebhookPropertiesTest {
  static final long NOW = 1_785_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  static final SigningSecret FIXED =
      new SigningSecret(Environment.TESTING, 1, Secret.of("fake-signing-secret-testing-0000"));
  static final WebhookVerifier VERIFIER =
      WebhookVerifier.builder().secrets(List.of(FIXED)).clock(CLOCK).build();

  static WebhookVerifier verifierFor(SigningSecret secret) {
    return WebhookVerifier.builder().secrets(List.of(secret)).clock(CLOCK).build();
  }

  static Reason reasonOf(Runnable call) {
    return catchThrowableOfType(WebhookVerificationException.class, call::run).reason();
  }

  @Property
  void signThenVerifySucceedsWithinTheWindow(
      @ForAll @Size(max = 4096) byte[] body,
      @ForAll @StringLength(min = 1, max = 80) String secretValue,
      @ForAll @LongRange(min = -300, max = 300) long offset) {
    Assume.that(!secretValue.isBlank());
    SigningSecret secret = new SigningSecret(Environment.STAGING, 3, Secret.of(secretValue));
    String header = WebhookSigner.of(secret.secret()).header(NOW + offset, body);

    VerifiedWebhook webhook = verifierFor(secret).verify(body, header);

    assertThat(webhook.matchedSecret()).isSameAs(secret);
    assertThat(webhook.body()).isEqualTo(body);
    assertThat(webhook.signedAt()).isEqualTo(Instant.ofEpochSecond(NOW + offset));
  }

  @Property
  void anySingleByteChangeToTheBodyFails(
      @ForAll @Size(min = 1, max = 2048) byte[] body,
      @ForAll @IntRange(min = 0, max = 2047) int position,
      @ForAll @IntRange(min = 1, max = 255) int delta) {
    String header = WebhookSigner.of(FIXED.secret()).header(NOW, body);
    byte[] altered = body.clone();
    altered[position % body.length] += (byte) delta;

    assertThat(reasonOf(() -> VERIFIER.verify(altered, header))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Property
  void anySingleDigitChangeToTheTimestampFails(
      @ForAll @Size(max = 512) byte[] body,
      @ForAll @IntRange(min = 0, max = 9) int position,
      @ForAll @IntRange(min = 1, max = 9) int delta) {
    String header = WebhookSigner.of(FIXED.secret()).header(NOW, body);
    char[] chars = header.toCharArray();
    int index = 2 + position; // "t=" then the 10 digits of NOW
    chars[index] = (char) ('0' + (chars[index] - '0' + delta) % 10);

    assertThat(reasonOf(() -> VERIFIER.verify(body, new String(chars))))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Property
  void anySingleHexDigitChangeToTheSignatureFails(
      @ForAll @Size(max = 512) byte[] body,
      @ForAll @IntRange(min = 0, max = 63) int position,
      @ForAll @IntRange(min = 1, max = 15) int delta,
      @ForAll boolean upperCase) {
    String header = WebhookSigner.of(FIXED.secret()).header(NOW, body);
    char[] chars = header.toCharArray();
    int index = header.indexOf("v1=") + 3 + position;
    int changed = (Character.digit(chars[index], 16) + delta) % 16;
    chars[index] = Character.forDigit(changed, 16);
    String altered =
        upperCase
            ? new String(chars)
                .toUpperCase(java.util.Locale.ROOT)
                .replace("T=", "t=")
                .replace("V1=", "v1=")
            : new String(chars);

    assertThat(reasonOf(() -> VERIFIER.verify(body, altered))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Property(tries = 2000)
  void parserThrowsOnlyTheTypedFailureOnArbitraryStrings(@ForAll String header) {
    assertOnlyTypedFailures(header);
  }

  @Property(tries = 2000)
  void parserThrowsOnlyTheTypedFailureOnHeaderLikeStrings(@ForAll("headerLike") String header) {
    assertOnlyTypedFailures(header);
  }

  @Property(tries = 500)
  void verifierThrowsOnlyTheTypedFailureOnArbitraryInput(
      @ForAll("headerLike") String header,
      @ForAll @Size(max = 64) byte[] body,
      @ForAll boolean nullBody) {
    try {
      VERIFIER.verify(nullBody ? null : body, header);
    } catch (WebhookVerificationException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }

  @Provide
  Arbitrary<String> headerLike() {
    Arbitrary<String> element =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("t=v10123456789 ,\t").ofMaxLength(20),
            Arbitraries.longs().map(t -> "t=" + t),
            Arbitraries.strings()
                .withChars("0123456789abcdefABCDEFxz")
                .ofLength(64)
                .map(h -> "v1=" + h),
            Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(70).map(h -> "v1=" + h),
            Arbitraries.of(
                "v0=00", "=", ",", "t", "v1", " ", "t==", "v1==", "t=99999999999999999999"));
    return element.list().ofMaxSize(6).map(parts -> String.join(",", parts));
  }

  private static void assertOnlyTypedFailures(String header) {
    try {
      SignatureHeader parsed = SignatureHeader.parse(header);
      assertThat(parsed.signatures()).isNotEmpty().allSatisfy(v1 -> assertThat(v1).hasSize(32));
      assertThat(parsed.timestamp()).isNotNegative();
    } catch (WebhookVerificationException expected) {
      assertThat(expected.reason())
          .isIn(Reason.MISSING_HEADER, Reason.MALFORMED_HEADER, Reason.NO_V1_SIGNATURE);
    }
  }
}
