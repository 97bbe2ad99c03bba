package dev.terraauth.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terra-reference-id header's value, read from Terra's body without building a tree. */
class ReferenceIdTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  @Test
  void takesTheUsersReferenceIdFirstThenTheTopLevelOne() {
    assertThat(
            RelayDispatcher.referenceId(
                "{\"reference_id\":\"top\",\"user\":{\"user_id\":\"u\",\"reference_id\":\"app-7\"}}"))
        .isEqualTo("app-7");
    assertThat(RelayDispatcher.referenceId("{\"type\":\"auth\",\"reference_id\":\"top\"}"))
        .isEqualTo("top");
    assertThat(
            RelayDispatcher.referenceId(
                "{\"user\":{\"reference_id\":null},\"data\":[{\"x\":\"y\"}],\"reference_id\":\"t\"}"))
        .isEqualTo("t");
    assertThat(RelayDispatcher.referenceId("{\"type\":\"activity\",\"data\":[]}")).isNull();
  }

  @Test
  void answersWhatTheParsedTreeAnswersForOddBodies() {
    List<String> bodies =
        List.of(
            "{\"user\":{\"reference_id\":\"a\"},\"user\":{\"user_id\":\"b\"},\"reference_id\":\"c\"}",
            "{\"user\":{\"reference_id\":\"a\",\"reference_id\":\"b\"}}",
            "{\"user\":{\"reference_id\":\"a\",\"reference_id\":7}}",
            "{\"user\":\"not an object\",\"reference_id\":\"c\"}",
            "{\"user\":{\"nested\":{\"reference_id\":\"deep\"}},\"reference_id\":{\"x\":1}}",
            "{\"reference_id\":\"a\",\"reference_id\":\"b\"}",
            "{\"data\":[{\"user\":{\"reference_id\":\"inner\"}}],\"user\":{\"reference_id\":\"r\"}}",
            "[{\"user\":{\"reference_id\":\"a\"}}]",
            "\"just a string\"");
    for (String body : bodies) {
      assertThat(RelayDispatcher.referenceId(body)).as(body).isEqualTo(fromTree(body));
    }
  }

  @Test
  void aBodyThatIsNotJsonHasNone() {
    assertThat(RelayDispatcher.referenceId("{\"user\":{\"reference_id\":\"a\"}")).isNull();
    assertThat(RelayDispatcher.referenceId("{\"user\":{\"reference_id\":\"a\"},}")).isNull();
    assertThat(RelayDispatcher.referenceId("")).isNull();
  }

  /** What the header took before: a parsed tree. */
  private static String fromTree(String body) {
    try {
      JsonNode event = JSON.readTree(body);
      JsonNode reference = event.path("user").path("reference_id");
      if (!reference.isTextual()) {
        reference = event.path("reference_id");
      }
      return reference.isTextual() ? reference.asText() : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
