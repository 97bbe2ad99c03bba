package dev.terraauth.cli.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.json.TerraJson;
import java.io.PrintWriter;
import java.util.List;

/** Machine-readable findings: {@code {"findings": [...], "summary": {...}}}; no values. */
final class JsonReport {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private JsonReport() {}

  static void write(PrintWriter out, List<Finding> findings, long filesScanned, int silenced)
      throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("findings");
    for (Finding finding : findings) {
      ObjectNode entry = array.addObject();
      entry.put("rule", finding.rule().id());
      entry.put("path", finding.path());
      entry.put("line", finding.line());
      entry.put("column", finding.column());
      entry.put("masked_value", finding.maskedValue());
      entry.put("fingerprint", finding.fingerprint());
      entry.put("masked_dev_id", finding.maskedDevId());
      entry.put("environment_hint", finding.environmentHint());
      entry.put("known_as", finding.knownAs());
      entry.put("commit", finding.commit());
      entry.put("hint", finding.hint());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("files_scanned", filesScanned);
    summary.put("findings", findings.size());
    summary.put("silenced_by_baseline", silenced);
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    out.flush();
  }
}
