package dev.terraauth.cli.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.json.TerraJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The events {@code trigger} can send: Terra's documented payloads (CONTRACT.md §5, the v2 spec's
 * examples) from {@code events.json}, with the user, reference id and provider filled in.
 */
final class SampleEvents {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();

  /** One event: its name, what it is, and its template body. */
  record Sample(String name, String description, JsonNode template) {}

  private final Map<String, Sample> samples;

  private SampleEvents(Map<String, Sample> samples) {
    this.samples = samples;
  }

  static SampleEvents load() {
    try (InputStream in = SampleEvents.class.getResourceAsStream("events.json")) {
      if (in == null) {
        throw new IllegalStateException("events.json is missing from the CLI jar");
      }
      JsonNode root = JSON.readTree(in);
      Map<String, Sample> samples = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        samples.put(
            entry.getKey(),
            new Sample(
                entry.getKey(),
                entry.getValue().path("description").asText(),
                entry.getValue().path("body")));
      }
      return new SampleEvents(samples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Sample> all() {
    return samples;
  }

  /** The sample by name, or null. */
  Sample find(String name) {
    return samples.get(name);
  }

  /** The body of an event for this user (compact JSON, as Terra sends it). */
  byte[] body(Sample sample, String userId, String referenceId, String provider) {
    ObjectNode body = sample.template().deepCopy();
    fillUser(body.path("user"), userId, referenceId, provider);
    fillUser(body.path("new_user"), userId, referenceId, provider);
    // user_reauth: the old record has another id, which the new one replaces
    fillUser(body.path("old_user"), UUID.randomUUID().toString(), referenceId, provider);
    if (body.has("reference_id")) {
      body.put("reference_id", referenceId);
    }
    if (body.has("provider")) {
      body.put("provider", provider);
    }
    try {
      return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fillUser(JsonNode node, String userId, String referenceId, String provider) {
    if (node instanceof ObjectNode user) {
      user.put("user_id", userId);
      user.put("reference_id", referenceId);
      user.put("provider", provider);
    }
  }
}
