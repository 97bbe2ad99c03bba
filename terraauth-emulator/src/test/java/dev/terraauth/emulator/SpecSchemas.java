package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against schemas of Terra's official OpenAPI 3.1 spec (copied with its Apache-2.0
 * LICENSE into src/test/resources/openapi), read as JSON Schema 2020-12.
 */
final class SpecSchemas {
  private static final String SPEC = "classpath:openapi/v2-bundled.yaml";
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private SpecSchemas() {}

  /** A component schema, e.g. {@code Problem}. */
  static String component(String name) {
    return "/components/schemas/" + name;
  }

  /** The JSON response schema of an operation, e.g. ("/userInfo", "get", 200). */
  static String response(String path, String method, int status) {
    return "/paths/"
        + path.replace("~", "~0").replace("/", "~1")
        + "/"
        + method
        + "/responses/"
        + status
        + "/content/application~1json/schema";
  }

  /** Asserts that {@code json} is valid against the schema at {@code pointer} in the spec. */
  static void assertValid(String pointer, String json) {
    Schema schema =
        CACHE.computeIfAbsent(pointer, p -> REGISTRY.getSchema(SchemaLocation.of(SPEC + "#" + p)));
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    assertThat(errors).as("%s against %s", json, pointer).isEmpty();
  }

  /** Asserts that {@code json} is valid against an inline 2020-12 schema. */
  static void assertValidInline(String schemaJson, String json) {
    Schema schema = CACHE.computeIfAbsent(schemaJson, s -> REGISTRY.getSchema(s, InputFormat.JSON));
    assertThat(schema.validate(json, InputFormat.JSON))
        .as("%s against %s", json, schemaJson)
        .isEmpty();
  }

  /** Asserts that {@code json} is NOT valid (proves the schemas can fail). */
  static void assertInvalid(String pointer, String json) {
    Schema schema =
        CACHE.computeIfAbsent(pointer, p -> REGISTRY.getSchema(SchemaLocation.of(SPEC + "#" + p)));
    assertThat(schema.validate(json, InputFormat.JSON))
        .as("%s against %s", json, pointer)
        .isNotEmpty();
  }
}
