package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Terra's streaming specs, copied with their Apache-2.0 LICENSE into src/test/resources/openapi:
 * rt-bundled.yaml (token minting, OpenAPI 3.1) and rt.asyncapi.yaml (the socket's frames), read as
 * JSON Schema 2020-12 like {@link SpecSchemas} reads the REST spec.
 */
final class StreamingSpec {
  static final String TOKENS = "classpath:openapi/rt-bundled.yaml";
  static final String SOCKET = "classpath:openapi/rt.asyncapi.yaml";
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final JsonNode TOKEN_SPEC = read("/openapi/rt-bundled.yaml");

  private StreamingSpec() {}

  /**
   * Asserts a token endpoint's answer is one rt-bundled.yaml declares for {@code path}, and that an
   * answer the spec gives content for has its media type and a body matching its schema.
   */
  static void assertTokenResponse(String path, int status, String contentType, String body) {
    JsonNode responses = TOKEN_SPEC.path("paths").path(path).path("post").path("responses");
    assertThat(responses.has(Integer.toString(status)))
        .as("POST %s answered %d, which rt-bundled.yaml does not declare", path, status)
        .isTrue();
    JsonNode content = responses.path(Integer.toString(status)).path("content");
    if (content.has("application/json")) {
      assertThat(contentType)
          .as("POST %s %d: the media type rt-bundled.yaml declares", path, status)
          .startsWith("application/json");
      String pointer =
          "/paths/"
              + path.replace("/", "~1")
              + "/post/responses/"
              + status
              + "/content/application~1json/schema";
      Schema schema = REGISTRY.getSchema(SchemaLocation.of(TOKENS + "#" + pointer));
      assertThat(schema.validate(body, InputFormat.JSON))
          .as("%s against %s", body, pointer)
          .isEmpty();
    }
  }

  /** Asserts a socket frame matches its AsyncAPI schema, e.g. {@code HelloFrame}. */
  static void assertFrame(String schemaName, String frame) {
    Schema schema =
        REGISTRY.getSchema(SchemaLocation.of(SOCKET + "#/components/schemas/" + schemaName));
    assertThat(schema.validate(frame, InputFormat.JSON))
        .as("%s against %s", frame, schemaName)
        .isEmpty();
  }

  /** Asserts a frame does NOT match (proves the schemas can fail). */
  static void assertNotFrame(String schemaName, String frame) {
    Schema schema =
        REGISTRY.getSchema(SchemaLocation.of(SOCKET + "#/components/schemas/" + schemaName));
    assertThat(schema.validate(frame, InputFormat.JSON)).isNotEmpty();
  }

  private static JsonNode read(String resource) {
    try (InputStream in = StreamingSpec.class.getResourceAsStream(resource)) {
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
