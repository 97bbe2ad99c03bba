package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.testing.TerraSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer vectors ({@link TerraSpec#webhookVectors()}), against the verifier and the signer;
 * the emulator's signer runs them too ({@code EmulatorSignerVectorsTest}).
 */
class WebhookVectorsTest {
  record Vector(JsonNode node) {
    String name() {
      return node.get("name").asText();
    }

    String header() {
      return node.get("header").isNull() ? null : node.get("header").asText();
    }

    byte[] body() {
      return node.get("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    List<SigningSecret> secrets() {
      List<SigningSecret> secrets = new ArrayList<>();
      for (JsonNode secret : node.get("secrets")) {
        secrets.add(
            new SigningSecret(Environment.TESTING, secrets.size() + 1, Secret.of(secret.asText())));
      }
      return secrets;
    }

    WebhookVerifier verifier() {
      return WebhookVerifier.builder()
          .secrets(secrets())
          .tolerance(Duration.ofSeconds(300))
          .clock(Clock.fixed(Instant.ofEpochSecond(node.get("now").asLong()), ZoneOffset.UTC))
          .build();
    }

    @Override
    public String toString() {
      return name();
    }
  }

  static List<Vector> vectors() throws IOException {
    List<Vector> vectors = new ArrayList<>();
    TerraSpec.webhookVectors().forEach(node -> vectors.add(new Vector(node)));
    return vectors;
  }

  static Stream<Vector> validVectors() throws IOException {
    return vectors().stream().filter(vector -> vector.node().get("valid").asBoolean());
  }

  static Stream<Vector> invalidVectors() throws IOException {
    return vectors().stream().filter(vector -> !vector.node().get("valid").asBoolean());
  }

  static Stream<Vector> signerVectors() throws IOException {
    return validVectors()
        .filter(vector -> vector.node().path("signer_reproduces_header").asBoolean());
  }

  @Test
  void fileCoversEveryCaseTheIssueNames() throws IOException {
    List<String> names = vectors().stream().map(Vector::name).toList();
    assertThat(names)
        .contains(
            "contract-java-sdk",
            "contract-deauth",
            "contract-utf8-body",
            "multiple-v1-second-matches",
            "extra-v0-ignored",
            "whitespace-tolerated",
            "uppercase-hex",
            "duplicate-t-same-value",
            "stale",
            "future",
            "milliseconds",
            "wrong-secret",
            "altered-body-one-byte",
            "reserialised-json",
            "trailing-newline");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void verifierAcceptsValidVector(Vector vector) {
    VerifiedWebhook webhook = vector.verifier().verify(vector.body(), vector.header());

    int matched = vector.node().get("matched_secret_index").asInt();
    assertThat(webhook.matchedSecret().generation()).isEqualTo(matched + 1);
    assertThat(webhook.matchedSecret().secret().fingerprint())
        .isEqualTo(vector.secrets().get(matched).secret().fingerprint());
    assertThat(webhook.body()).isEqualTo(vector.body());
    assertThat(webhook.signedAt().getEpochSecond())
        .isEqualTo(SignatureHeader.parse(vector.header()).timestamp());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void verifierRejectsInvalidVectorWithItsReason(Vector vector) {
    WebhookVerificationException failure =
        catchThrowableOfType(
            WebhookVerificationException.class,
            () -> vector.verifier().verify(vector.body(), vector.header()));

    assertThat(failure).as(vector.name()).isNotNull();
    assertThat(failure.reason().name()).isEqualTo(vector.node().get("reason").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signerVectors")
  void signerReproducesTheHeaderExactly(Vector vector) {
    SignatureHeader header = SignatureHeader.parse(vector.header());
    WebhookSigner signer = WebhookSigner.of(vector.secrets().get(0).secret());

    assertThat(signer.header(header.timestamp(), vector.body())).isEqualTo(vector.header());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void signerAgreesWithEveryValidVector(Vector vector) {
    SignatureHeader header = SignatureHeader.parse(vector.header());
    int matched = vector.node().get("matched_secret_index").asInt();
    WebhookSigner signer = WebhookSigner.of(vector.secrets().get(matched).secret());

    byte[] signature = signer.signature(header.timestamp(), vector.body());

    assertThat(header.signatures()).anySatisfy(v1 -> assertThat(v1).isEqualTo(signature));
  }
}
