package dev.terraauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Terra's official v2 OpenAPI spec, the one copy in the project: {@code openapi/v2-bundled.yaml} on
 * the test classpath (Apache-2.0, with its LICENSE beside it).
 */
public final class TerraSpec {
  /** The classpath resource of the spec. */
  public static final String V2_RESOURCE = "openapi/v2-bundled.yaml";

  private static volatile JsonNode v2;

  private TerraSpec() {}

  /** The spec as a tree (read once). */
  public static JsonNode v2() {
    JsonNode tree = v2;
    if (tree == null) {
      try (InputStream in = open()) {
        tree = new YAMLMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + V2_RESOURCE, e);
      }
      v2 = tree;
    }
    return tree;
  }

  /** The spec's bytes. */
  public static InputStream open() {
    return resource(V2_RESOURCE);
  }

  /** The classpath resource of the webhook vectors. */
  public static final String WEBHOOK_VECTORS_RESOURCE = "webhooks/vectors.json";

  /** The {@code vectors} array of the webhook known-answer vectors. */
  public static JsonNode webhookVectors() {
    try (InputStream in = resource(WEBHOOK_VECTORS_RESOURCE)) {
      return new ObjectMapper().readTree(in).get("vectors");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WEBHOOK_VECTORS_RESOURCE, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = TerraSpec.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath: add terraauth-testing");
    }
    return in;
  }
}
