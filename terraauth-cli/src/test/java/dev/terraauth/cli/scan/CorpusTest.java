package dev.terraauth.cli.scan;

import static dev.terraauth.cli.scan.ScanFixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.scan.ScanFixtures.Planted;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted corpus is found completely and exactly; the clean corpus yields nothing. */
class CorpusTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  /** Template resource under scan/planted/ and the name it is written as. */
  // one order in every JVM (Map.ofEntries iterates in a per-JVM order), so one seed plants the same
  // values in the same files every run
  private static final Map<String, String> PLANTED =
      new java.util.TreeMap<>(
          Map.ofEntries(
              Map.entry("dot-env", ".env"),
              Map.entry("application.properties", "src/main/resources/application.properties"),
              Map.entry("application.yml", "config/application.yml"),
              Map.entry("config.json", "config.json"),
              Map.entry("config.toml", "config.toml"),
              Map.entry("deploy.sh", "scripts/deploy.sh"),
              Map.entry("TerraConfig.java", "src/main/java/com/example/TerraConfig.java"),
              Map.entry("TerraModule.kt", "src/main/kotlin/TerraModule.kt"),
              Map.entry("terra_client.py", "app/terra_client.py"),
              Map.entry("terraClient.ts", "web/src/terraClient.ts"),
              Map.entry("main.go", "cmd/worker/main.go"),
              Map.entry("terra.rb", "lib/terra.rb"),
              Map.entry("GETTING_STARTED.md", "docs/GETTING_STARTED.md")));

  private static final List<String> CLEAN =
      List.of(
          "dot-env.example",
          "settings.py",
          "client.ts",
          "TerraSettings.java",
          "terra.yml",
          "README.md",
          "main.go",
          "app.rb");

  @TempDir Path tree;

  @Test
  void findsEveryPlantedCredentialAtItsLineAndColumnAndNothingElse() throws Exception {
    List<Planted> planted = new ArrayList<>();
    Random random = new Random(20_261_128L);
    PLANTED.forEach(
        (resource, target) ->
            ScanFixtures.write(
                tree.resolve(target),
                ScanFixtures.render(
                    ScanFixtures.resource("planted/" + resource), target, random, planted)));

    CliRun run = cli(tree, Map.of(), "scan", "--json", ".");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    List<String> found = new ArrayList<>();
    for (JsonNode finding : JSON.readTree(run.out()).path("findings")) {
      found.add(
          finding.path("path").asText()
              + ":"
              + finding.path("line").asInt()
              + ":"
              + finding.path("column").asInt()
              + " "
              + finding.path("rule").asText());
    }
    assertThat(found)
        .containsExactlyInAnyOrderElementsOf(planted.stream().map(Planted::toString).toList());
    assertThat(planted).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void placeholdersLookupsAndOrdinaryHighEntropyStringsAreNotFindings() {
    for (String name : CLEAN) {
      ScanFixtures.write(tree.resolve(name), ScanFixtures.resource("clean/" + name));
    }

    CliRun run = cli(tree, Map.of(), "scan", ".");

    assertThat(run.out()).contains("no Terra credentials found in " + CLEAN.size() + " files");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void findsKeysInsideHttpBasicCredentials() {
    Random random = new Random(11);
    String devId = ScanFixtures.randomDevId(random, "prod");
    String key = ScanFixtures.randomKey(random, 40);
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((devId + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String header =
        "curl -H 'Authorization: Basic " + basic + "' https://ws.tryterra.co/auth/developer";
    String user = "curl -u " + devId + ":" + key + " -X POST https://ws.tryterra.co/auth/developer";
    ScanFixtures.write(
        tree.resolve("streaming.md"), "# Terra streaming\n" + header + "\n" + user + "\n");

    CliRun run = cli(tree, Map.of(), "scan");

    assertThat(run.out())
        .contains(
            "streaming.md:2:"
                + (header.indexOf(basic) + 1)
                + " terra-api-key "
                + key.substring(0, 4))
        .contains(
            "streaming.md:3:" + (user.indexOf(key) + 1) + " terra-api-key " + key.substring(0, 4))
        .contains("looks like production (from the dev-id)");
  }

  @Test
  void pairsKeysWithNearbyDevIdsAndHintsTheirEnvironment() throws Exception {
    Random random = new Random(7);
    String devId = ScanFixtures.randomDevId(random, "staging");
    ScanFixtures.write(
        tree.resolve("terra.env"),
        "TERRA_DEV_ID=" + devId + "\nTERRA_API_KEY=" + ScanFixtures.randomKey(random, 40) + "\n");

    JsonNode finding =
        JSON.readTree(cli(tree, Map.of(), "scan", "--json").out()).path("findings").get(0);

    assertThat(finding.path("masked_dev_id").asText())
        .isEqualTo(devId.substring(0, 4) + "********");
    assertThat(finding.path("environment_hint").asText()).startsWith("staging");
    assertThat(finding.path("hint").asText()).contains("a hint only");
  }
}
