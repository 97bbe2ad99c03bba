package dev.terraauth.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.json.TerraJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Known findings to keep quiet about, stored as {@code rule:fingerprint} only (never a value, never
 * a mask), so the file is safe to commit. Path-independent: a silenced value stays silenced when
 * the file moves.
 */
final class Baseline {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  /** The default file name, looked up at the scan root. */
  static final String FILE_NAME = ".terra-auth-baseline.json";

  private final Set<String> entries;

  private Baseline(Set<String> entries) {
    this.entries = Set.copyOf(entries);
  }

  static Baseline empty() {
    return new Baseline(Set.of());
  }

  static Baseline read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    Set<String> entries = new TreeSet<>();
    for (JsonNode entry : root.path("findings")) {
      entries.add(entry.path("rule").asText() + ":" + entry.path("fingerprint").asText());
    }
    return new Baseline(entries);
  }

  boolean silences(Finding finding) {
    return entries.contains(finding.rule().id() + ":" + finding.fingerprint());
  }

  /** Writes a baseline silencing these findings (plus nothing else). */
  static void write(Path file, Collection<Finding> findings) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put(
        "comment",
        "terra-auth scan baseline: fingerprints of known findings (first 8 hex of SHA-256), never values");
    ArrayNode array = root.putArray("findings");
    Set<String> written = new TreeSet<>();
    for (Finding finding : findings) {
      if (written.add(finding.rule().id() + ":" + finding.fingerprint())) {
        ObjectNode entry = array.addObject();
        entry.put("rule", finding.rule().id());
        entry.put("fingerprint", finding.fingerprint());
        entry.put("first_seen", finding.path() + ":" + finding.line());
      }
    }
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }
}
