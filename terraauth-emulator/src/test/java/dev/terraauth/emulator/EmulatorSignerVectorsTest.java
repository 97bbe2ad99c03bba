package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.testing.TerraSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator signs with its own HMAC code (it shares none with core); the same known-answer
 * vectors core's signer reproduces must come out of it byte for byte, so the two cannot drift.
 */
class EmulatorSignerVectorsTest {
  static Stream<JsonNode> signerVectors() {
    List<JsonNode> vectors = new ArrayList<>();
    TerraSpec.webhookVectors().forEach(vectors::add);
    return vectors.stream()
        .filter(vector -> vector.get("valid").asBoolean())
        .filter(vector -> vector.path("signer_reproduces_header").asBoolean());
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("signerVectors")
  void emulatorSignerReproducesTheHeader(JsonNode vector) {
    String header = vector.get("header").asText();
    long timestamp = Long.parseLong(header.substring(2, header.indexOf(',')));
    byte[] body = vector.get("body").asText().getBytes(StandardCharsets.UTF_8);
    String secret = vector.get("secrets").get(0).asText();

    assertThat("t=" + timestamp + ",v1=" + WebhookSigner.sign(secret, timestamp, body))
        .as(vector.get("name").asText())
        .isEqualTo(header);
  }

  @org.junit.jupiter.api.Test
  void thereAreVectorsToRun() {
    assertThat(signerVectors().count()).isGreaterThanOrEqualTo(3);
  }
}
