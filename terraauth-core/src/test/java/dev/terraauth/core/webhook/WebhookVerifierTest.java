package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  static final long NOW = 1_785_000_000L;
  static final String SECRET = "fake-signing-secret-testing-0000";
  static final byte[] BODY = "{\"type\":\"auth\"}".getBytes(StandardCharsets.UTF_8);
  static final SigningSecret TESTING = new SigningSecret(Environment.TESTING, 1, Secret.of(SECRET));
  static final SigningSecret STAGING =
      new SigningSecret(Environment.STAGING, 1, Secret.of("fake-signing-secret-staging-0000"));

  final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  final WebhookVerifier verifier =
      WebhookVerifier.builder().secrets(List.of(TESTING, STAGING)).clock(clock).build();

  static String header(SigningSecret secret, long t) {
    return WebhookSigner.of(secret.secret()).header(t, BODY);
  }

  static Reason reasonOf(Runnable call) {
    return catchThrowableOfType(WebhookVerificationException.class, call::run).reason();
  }

  @Test
  void reportsWhichEnvironmentsSecretMatched() {
    assertThat(verifier.verify(BODY, header(STAGING, NOW)).matchedSecret()).isSameAs(STAGING);
    assertThat(verifier.verify(BODY, header(TESTING, NOW)).matchedSecret()).isSameAs(TESTING);
  }

  /** One identity per signed delivery, whatever the header's spelling; a new t is a new one. */
  @Test
  void theSignatureIdentityIsTPaddedAndTheHashOfTDotBody() throws Exception {
    String header = header(TESTING, NOW);
    String spaced = header.replace(",", ", ");
    String upper = "t=" + NOW + ",v1=" + header.substring(header.indexOf("v1=") + 3).toUpperCase();
    String extra = header + ",v0=" + "1".repeat(64);
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update((NOW + ".").getBytes(StandardCharsets.US_ASCII));
    String expected = "00" + NOW + "." + java.util.HexFormat.of().formatHex(sha.digest(BODY));
    for (String spelling : List.of(header, spaced, upper, extra)) {
      assertThat(verifier.verify(BODY, spelling).signatureIdentity())
          .as(spelling)
          .isEqualTo(expected)
          .hasSize(12 + 1 + 64);
    }
    assertThat(verifier.verify(BODY, header(TESTING, NOW - 1)).signatureIdentity())
        .isNotEqualTo(expected)
        .startsWith("00" + (NOW - 1) + ".");
  }

  @Test
  void readsXTerraSignatureBeforeTheDeprecatedHeader() {
    Map<String, String> headers = new HashMap<>();
    headers.put("x-terra-signature", header(TESTING, NOW));
    headers.put("Terra-Signature", "t=1,v1=" + "0".repeat(64));

    assertThat(verifier.verify(BODY, headers).matchedSecret()).isSameAs(TESTING);
  }

  @Test
  void fallsBackToTheDeprecatedHeaderCaseInsensitively() {
    Map<String, String> headers = Map.of("TERRA-signature", header(TESTING, NOW));

    assertThat(verifier.verify(BODY, headers).matchedSecret()).isSameAs(TESTING);
    assertThat(SignatureHeader.from(headers)).isEqualTo(header(TESTING, NOW));
  }

  @Test
  void headerAccessorFunctionIsUsedWithTheUsualSpellings() {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-Terra-Signature", header(TESTING, NOW));
    headers.put("x-terra-trace-id", "trace-1");
    headers.put("Terra-Reference", "ref-9");
    headers.put("X-Terra-Ordering-Timestamp", "1785000000123");

    VerifiedWebhook webhook = verifier.verify(BODY, headers::get);

    assertThat(webhook.delivery())
        .isEqualTo(new DeliveryMetadata("trace-1", "ref-9", 1_785_000_000_123L));
    assertThat(webhook.delivery().orderingTimestamp())
        .contains(Instant.ofEpochMilli(1_785_000_000_123L));
  }

  @Test
  void nonNumericOrderingTimestampCountsAsAbsent() {
    DeliveryMetadata metadata =
        DeliveryMetadata.from(
            Map.of("X-Terra-Ordering-Timestamp", "soon", "X-Terra-Trace-Id", " "));

    assertThat(metadata).isEqualTo(DeliveryMetadata.NONE);
    assertThat(DeliveryMetadata.from((Map<String, String>) null)).isEqualTo(DeliveryMetadata.NONE);
  }

  @Test
  void missingHeaderInEveryFormIsTyped() {
    assertThat(reasonOf(() -> verifier.verify(BODY, (String) null)))
        .isEqualTo(Reason.MISSING_HEADER);
    assertThat(reasonOf(() -> verifier.verify(BODY, Map.of()))).isEqualTo(Reason.MISSING_HEADER);
    assertThat(reasonOf(() -> verifier.verify(BODY, (Map<String, String>) null)))
        .isEqualTo(Reason.MISSING_HEADER);
    assertThat(reasonOf(() -> verifier.verify(BODY, name -> null)))
        .isEqualTo(Reason.MISSING_HEADER);
  }

  @Test
  void nullBodyIsTyped() {
    assertThat(reasonOf(() -> verifier.verify(null, header(TESTING, NOW))))
        .isEqualTo(Reason.MISSING_BODY);
  }

  @Test
  void failsClosedWithoutSecrets() {
    WebhookVerifier empty = WebhookVerifier.builder().secrets(List.of()).clock(clock).build();

    assertThat(reasonOf(() -> empty.verify(BODY, header(TESTING, NOW))))
        .isEqualTo(Reason.NO_SECRETS_CONFIGURED);
  }

  @Test
  void toleranceIsAppliedInBothDirectionsAndCannotBeDisabled() {
    WebhookVerifier strict =
        WebhookVerifier.builder()
            .secrets(List.of(TESTING))
            .tolerance(Duration.ofSeconds(10))
            .clock(clock)
            .build();

    assertThat(strict.verify(BODY, header(TESTING, NOW - 10)).signedAt())
        .isEqualTo(Instant.ofEpochSecond(NOW - 10));
    assertThat(reasonOf(() -> strict.verify(BODY, header(TESTING, NOW - 11))))
        .isEqualTo(Reason.STALE_TIMESTAMP);
    assertThat(reasonOf(() -> strict.verify(BODY, header(TESTING, NOW + 11))))
        .isEqualTo(Reason.FUTURE_TIMESTAMP);
    for (Duration disabling :
        List.of(
            Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(2), Duration.ofMillis(1500))) {
      assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(disabling))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(WebhookVerifier.of(List.of(TESTING)).tolerance()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void millisecondTimestampIsNamedAsSuch() {
    WebhookVerificationException failure =
        catchThrowableOfType(
            WebhookVerificationException.class,
            () -> verifier.verify(BODY, header(TESTING, NOW * 1000)));

    assertThat(failure.reason()).isEqualTo(Reason.MILLISECOND_TIMESTAMP);
    assertThat(failure.getMessage()).contains("milliseconds");
  }

  @Test
  void verifiedBodyIsCopiedOut() {
    VerifiedWebhook webhook = verifier.verify(BODY.clone(), header(TESTING, NOW));
    webhook.body()[0] = 'X';

    assertThat(webhook.body()).isEqualTo(BODY);
    assertThat(webhook.bodyAsString()).isEqualTo("{\"type\":\"auth\"}");
  }

  @Test
  void noSecretOrExpectedSignatureLeaksIntoMessagesOrToString() {
    String expectedHex = WebhookSigner.of(TESTING.secret()).signatureHex(NOW, BODY);
    WebhookVerifier other =
        WebhookVerifier.builder().secrets(List.of(STAGING)).clock(clock).build();
    WebhookVerificationException failure =
        catchThrowableOfType(
            WebhookVerificationException.class,
            () -> other.verify(BODY, "t=" + NOW + ",v1=" + "ab".repeat(32)));
    String stagingHex = WebhookSigner.of(STAGING.secret()).signatureHex(NOW, BODY);

    assertThat(failure.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(failure.getMessage()).doesNotContain(SECRET, stagingHex, expectedHex);
    assertThat(verifier.verify(BODY, header(TESTING, NOW)).toString())
        .contains("testing#1")
        .doesNotContain(SECRET);
    assertThat(WebhookSigner.of(TESTING.secret()).toString()).doesNotContain(SECRET);
  }

  @Test
  void verifierIsSafeToShareAcrossThreads() throws Exception {
    String header = header(STAGING, NOW);
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger verified =
        new java.util.concurrent.atomic.AtomicInteger();
    for (int thread = 0; thread < 4; thread++) {
      Thread worker =
          new Thread(
              () -> {
                for (int round = 0; round < 200; round++) {
                  if (verifier.verify(BODY, header).matchedSecret() == STAGING) {
                    verified.incrementAndGet();
                  }
                }
              });
      worker.start();
      threads.add(worker);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(verified).hasValue(800);
  }

  @Test
  void signerBuildsRotationHeaders() {
    String header =
        WebhookSigner.header(
            NOW,
            BODY,
            List.of(WebhookSigner.of(STAGING.secret()), WebhookSigner.of(TESTING.secret())));

    assertThat(header).startsWith("t=" + NOW + ",v1=").matches("t=\\d+(,v1=[0-9a-f]{64}){2}");
    assertThat(SignatureHeader.parse(header).signatures()).hasSize(2);
    assertThat(verifier.verify(BODY, header).matchedSecret()).isSameAs(TESTING);
  }
}
