package dev.terraauth.cli.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.json.TerraJson;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** SARIF 2.1.0 for code-scanning dashboards; partial fingerprints carry the value fingerprint. */
final class SarifReport {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  static void write(PrintWriter out, List<Finding> findings, String toolVersion)
      throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "terra-auth scan");
    driver.put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : Rule.values()) {
      ObjectNode descriptor = rules.addObject();
      descriptor.put("id", rule.id());
      descriptor.putObject("shortDescription").put("text", rule.title() + " in source");
      descriptor
          .putObject("help")
          .put(
              "text",
              "Rotate the credential in Terra's dashboard, load it from the environment or a"
                  + " .env.terra.<env> file instead, then remove it from git history.");
      descriptor.putObject("defaultConfiguration").put("level", "error");
    }
    ArrayNode results = run.putArray("results");
    for (Finding finding : findings) {
      ObjectNode result = results.addObject();
      result.put("ruleId", finding.rule().id());
      result.put("ruleIndex", finding.rule().ordinal());
      result.put("level", "error");
      result
          .putObject("message")
          .put(
              "text", finding.rule().title() + " " + finding.maskedValue() + ": " + finding.hint());
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      artifact.put("uri", uri(finding.path()));
      artifact.put("uriBaseId", "%SRCROOT%");
      ObjectNode region = physical.putObject("region");
      region.put("startLine", finding.line());
      region.put("startColumn", finding.column());
      result.putObject("partialFingerprints").put("terraAuthValue/v1", finding.fingerprint());
      if (finding.commit() != null) {
        result.putObject("properties").put("commit", finding.commit());
      }
    }
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    out.flush();
  }

  private static String uri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException unusual) {
      return path.replace(" ", "%20");
    }
  }
}
