package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.terraauth.testing.TerraSpec;
import java.util.List;
import java.util.Map;

/**
 * Terra's official v2 spec ({@link TerraSpec}, Apache-2.0): operation lookup, JSON-schema
 * validation of any node of it (2020-12 dialect, as OpenAPI 3.1 uses) and example responses built
 * from the spec's own examples.
 */
final class OpenApiSpec {
  private static final String DOCUMENT = "https://terraauth.test/openapi/v2-bundled.json";

  private final JsonNode root;

  JsonNode root() {
    return root;
  }

  private final SchemaRegistry registry;

  OpenApiSpec() {
    root = TerraSpec.v2(); // the one copy, in terraauth-testing
    String json = root.toString();
    // JSON Schema 2020-12, plus OpenAPI's "example" as a known keyword that does not validate
    Dialect dialect =
        Dialect.builder(Dialects.getDraft202012())
            .keyword(new NonValidationKeyword("example"))
            .build();
    registry =
        SchemaRegistry.withDefaultDialect(
            dialect, builder -> builder.schemas(Map.of(DOCUMENT, json)));
  }

  /** The operation object, e.g. ("post", "/auth/generateWidgetSession"). */
  JsonNode operation(String method, String path) {
    JsonNode operation = root.path("paths").path(path).path(method.toLowerCase());
    if (operation.isMissingNode()) {
      throw new AssertionError("the spec has no " + method + " " + path);
    }
    return operation;
  }

  /** Validation errors of {@code json} against the schema at a JSON pointer of the document. */
  List<String> validate(String pointer, String json) {
    Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  static String pointer(String... tokens) {
    StringBuilder pointer = new StringBuilder();
    for (String token : tokens) {
      pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new AssertionError("external $ref " + ref);
      }
      current = root.at(ref.substring(1));
    }
    return current;
  }

  /**
   * The spec's example for a schema: the media-level or schema-level {@code example}/{@code
   * examples}, else one assembled from the properties' examples. {@code variant} picks the
   * alternative of a top-level {@code oneOf}.
   */
  JsonNode example(JsonNode media, int variant) {
    if (media.has("example")) {
      return media.get("example");
    }
    JsonNode examples = media.get("examples");
    if (examples != null && examples.isObject() && examples.size() > 0) {
      return examples.elements().next().get("value");
    }
    JsonNode schema = resolve(media.get("schema"));
    if (schema.has("oneOf")) {
      return synthesize(schema.get("oneOf").get(variant));
    }
    return synthesize(schema);
  }

  private JsonNode synthesize(JsonNode raw) {
    JsonNode schema = resolve(raw);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (schema.has("example")) {
      return schema.get("example");
    }
    if (schema.has("examples") && schema.get("examples").isArray()) {
      return schema.get("examples").get(0);
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    for (String alternatives : List.of("oneOf", "anyOf")) {
      if (schema.has(alternatives)) {
        for (JsonNode alternative : schema.get(alternatives)) {
          if (!"null".equals(resolve(alternative).path("type").asText())) {
            return synthesize(alternative);
          }
        }
      }
    }
    if (schema.has("allOf")) {
      ObjectNode merged = nodes.objectNode();
      for (JsonNode part : schema.get("allOf")) {
        JsonNode value = synthesize(part);
        if (value.isObject()) {
          merged.setAll((ObjectNode) value);
        }
      }
      return merged;
    }
    String type = type(schema);
    switch (type) {
      case "array":
        ArrayNode array = nodes.arrayNode();
        array.add(synthesize(schema.path("items")));
        return array;
      case "string":
        return nodes.textNode("example");
      case "integer":
      case "number":
        return nodes.numberNode(1);
      case "boolean":
        return nodes.booleanNode(true);
      default:
        ObjectNode object = nodes.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
          object.set(property.getKey(), synthesize(property.getValue()));
        }
        return object;
    }
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("items") ? "array" : "object";
    }
    if (type.isArray()) {
      for (JsonNode candidate : type) {
        if (!"null".equals(candidate.asText())) {
          return candidate.asText();
        }
      }
    }
    return type.asText();
  }

  static ObjectMapper yaml() {
    return new YAMLMapper();
  }
}
