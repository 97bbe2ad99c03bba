package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/**
 * Coverage-guided fuzzing of the signature header parser and the verifier around it (corpus in
 * src/test/resources/dev/terraauth/core/webhook/SignatureHeaderFuzzTestInputs). The contract: any
 * header and body either verify or fail with a {@link WebhookVerificationException} of a header
 * reason; nothing else escapes, and a header only verifies when it carries the true HMAC.
 */
class SignatureHeaderFuzzTest {
  private static final Secret SECRET = Secret.of("acme-testing-0000-fuzz-signing-secret");
  private static final Instant NOW = Instant.ofEpochSecond(1_723_808_700L);
  private static final WebhookVerifier VERIFIER =
      WebhookVerifier.builder()
          .secrets(List.of(new SigningSecret(Environment.TESTING, 1, SECRET)))
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();
  private static final EnumSet<WebhookVerificationException.Reason> HEADER_REASONS =
      EnumSet.of(
          WebhookVerificationException.Reason.MISSING_HEADER,
          WebhookVerificationException.Reason.MALFORMED_HEADER,
          WebhookVerificationException.Reason.NO_V1_SIGNATURE);

  @FuzzTest(maxDuration = "10m")
  void parsesOrRefusesEveryHeader(FuzzedDataProvider data) {
    boolean signProperly = data.consumeBoolean();
    String header = data.consumeString(SignatureHeader.MAX_LENGTH + 64);
    byte[] body = data.consumeRemainingAsBytes();
    if (signProperly) {
      // a real signature placed among fuzzed elements: exercises the "valid and garbled" mix
      header = WebhookSigner.of(SECRET).header(NOW.getEpochSecond(), body) + "," + header;
    }
    SignatureHeader parsed;
    try {
      parsed = SignatureHeader.parse(header);
    } catch (WebhookVerificationException e) {
      assertThat(e.reason()).isIn(HEADER_REASONS);
      return;
    }
    assertThat(parsed.signatures()).isNotEmpty().allSatisfy(s -> assertThat(s).hasSize(32));
    assertThat(parsed.timestampText()).containsOnlyDigits();
    try {
      VerifiedWebhook verified = VERIFIER.verify(body, header);
      byte[] expected =
          WebhookSigner.of(SECRET)
              .header(parsed.timestamp(), body)
              .substring(("t=" + parsed.timestampText() + ",v1=").length())
              .getBytes(StandardCharsets.US_ASCII);
      assertThat(header).contains(new String(expected, StandardCharsets.US_ASCII));
      assertThat(verified).isNotNull();
    } catch (WebhookVerificationException expectedRefusal) {
      assertThat(expectedRefusal.getMessage()).doesNotContain(SECRET.reveal());
    }
  }
}
