package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IDEs complete terra.* from the metadata the configuration processor writes into the jar. */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyIsDescribedWithItsDefaultAndTheEnvironmentsAreHinted() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the classpath").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode property : metadata.get("properties")) {
      names.add(property.get("name").asText());
      assertThat(property.path("description").asText()).as(property.toString()).isNotBlank();
      assertThat(property.path("description").asText()).doesNotContain("{@code");
    }
    assertThat(names)
        .contains(
            "terra.environment",
            "terra.client.call-timeout",
            "terra.webhook.path",
            "terra.webhook.tolerance",
            "terra.health.live-check");
    JsonNode path =
        findByName(metadata.get("properties"), "terra.webhook.path").get("defaultValue");
    assertThat(path.asText()).isEqualTo("/terra/webhooks");
    JsonNode hint = findByName(metadata.get("hints"), "terra.environment");
    assertThat(hint.get("values").findValuesAsText("value"))
        .containsExactly("testing", "staging", "production", "local");
  }

  private static JsonNode findByName(JsonNode array, String name) {
    for (JsonNode node : array) {
      if (node.get("name").asText().equals(name)) {
        return node;
      }
    }
    throw new AssertionError(name + " not in " + array);
  }
}
