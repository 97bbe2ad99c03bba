package dev.terraauth.cli.scan;

import static dev.terraauth.cli.scan.ScanFixtures.cli;
import static dev.terraauth.cli.scan.ScanFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree scans outside git, silencing, known keys, stdin, masking and exit codes. */
class ScanCommandTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  @TempDir Path tree;

  private final Random random = new Random(1234);
  private final String key = ScanFixtures.randomKey(random, 40);

  @Test
  void textOutputShowsAtMostTheFirstFourCharactersOfTheValue() {
    write(tree.resolve("terra.env"), "TERRA_API_KEY=" + key + "\n");

    CliRun run = cli(tree, Map.of(), "scan");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("terra.env:1:15 terra-api-key " + key.substring(0, 4) + "********")
        .doesNotContain(key.substring(0, 5));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aConfiguredKeyIsRecognisedWithRemediation() {
    write(tree.resolve("terra.env"), "TERRA_API_KEY=" + key + "\n");
    Map<String, String> environment =
        Map.of("TERRA_PRODUCTION_DEV_ID", "acme-prod-x1", "TERRA_PRODUCTION_API_KEY", key);

    CliRun run = cli(tree, environment, "scan");

    assertThat(run.out())
        .contains("this is the production API key configured in")
        .contains("rotate it in Terra's dashboard")
        .contains("remove it from git history");
  }

  @Test
  void aKeyFromACredentialsFileIsNamedWithItsFileAndLine() throws Exception {
    ScanFixtures.initRepository(tree);
    write(tree.resolve(".gitignore"), ".env.terra.*\n");
    write(
        tree.resolve(".env.terra.production"),
        "TERRA_DEV_ID=acme-prod-x1\nTERRA_API_KEY=" + key + "\n");
    Files.setPosixFilePermissions(
        tree.resolve(".env.terra.production"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    write(tree.resolve("app.py"), "# terra\napi_key = \"" + key + "\"\n");

    CliRun run = cli(tree, Map.of(), "scan");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "app.py:2:12 terra-api-key "
                + key.substring(0, 4)
                + "******** this is the production API key configured in .env.terra.production:2")
        .doesNotContain(".env.terra.production:2:15"); // gitignored: not scanned
  }

  @Test
  void aConfiguredSigningSecretIsRecognisedInJsonToo() throws Exception {
    String secret = ScanFixtures.randomKey(random, 32);
    write(tree.resolve("hooks.yml"), "terra:\n  webhook_secret: " + secret + "\n");
    Map<String, String> environment = Map.of("TERRA_STAGING_WEBHOOK_SECRET", secret);

    CliRun run = cli(tree, environment, "scan", "--json");

    com.fasterxml.jackson.databind.JsonNode finding =
        JSON.readTree(run.out()).path("findings").get(0);
    assertThat(finding.path("rule").asText()).isEqualTo("terra-webhook-secret");
    assertThat(finding.path("known_as").asText())
        .startsWith("this is the staging webhook signing secret configured in");
    assertThat(run.out()).doesNotContain(secret.substring(0, 5));
  }

  @Test
  void allowCommentAndBaselineSilenceKnownFindings() throws Exception {
    String other = ScanFixtures.randomKey(random, 40);
    write(
        tree.resolve("app.py"),
        "# terra\napi_key = \""
            + key
            + "\"  # terra-auth:allow (rotated)\nwebhook_secret = \""
            + other
            + "\"\n");
    assertThat(cli(tree, Map.of(), "scan").out()).contains("app.py:3:19 terra-webhook-secret");

    CliRun written = cli(tree, Map.of(), "scan", "--write-baseline");
    assertThat(written.exitCode()).isZero();
    String baseline = Files.readString(tree.resolve(Baseline.FILE_NAME));
    assertThat(baseline)
        .contains(dev.terraauth.core.config.Secret.fingerprintOf(other))
        .doesNotContain(other.substring(0, 4));

    CliRun rescan = cli(tree, Map.of(), "scan");
    assertThat(rescan.exitCode()).isZero();
    assertThat(rescan.out()).contains("1 silenced by the baseline");
  }

  @Test
  void walksPlainDirectoriesApplyingGitignoreAndTheProjectIgnoreFile() {
    write(tree.resolve(".gitignore"), "build/\n*.secret.env\n!keep.secret.env\n");
    write(tree.resolve("build/out.env"), "TERRA_API_KEY=" + key + "\n");
    write(tree.resolve("a.secret.env"), "TERRA_API_KEY=" + key + "\n");
    write(tree.resolve("sub/.gitignore"), "local.env\n");
    write(tree.resolve("sub/local.env"), "TERRA_API_KEY=" + key + "\n");
    write(tree.resolve("fixtures/corpus.env"), "TERRA_API_KEY=" + key + "\n");
    write(tree.resolve(ScanOptions.IGNORE_FILE), "fixtures/\n");
    write(tree.resolve("keep.secret.env"), "TERRA_API_KEY=" + key + "\n");

    CliRun run = cli(tree, Map.of(), "scan");

    assertThat(run.out().lines().filter(line -> line.contains("terra-api-key")))
        .containsExactly(
            "keep.secret.env:1:15 terra-api-key "
                + key.substring(0, 4)
                + "******** rotate it in Terra's dashboard if it is real, then remove it from the"
                + " file");
  }

  @Test
  void skipsBinariesLargeFilesAndSymlinks(@TempDir Path outside) throws Exception {
    byte[] binary = ("\0\0TERRA_API_KEY=" + key + "\n").getBytes(StandardCharsets.UTF_8);
    Files.write(tree.resolve("blob.bin"), binary);
    write(tree.resolve("big.env"), "TERRA_API_KEY=" + key + "\n" + "#".repeat(2000) + "\n");
    write(outside.resolve("secret.env"), "TERRA_API_KEY=" + key + "\n");
    Files.createSymbolicLink(tree.resolve("link.env"), outside.resolve("secret.env"));
    Files.createSymbolicLink(tree.resolve("linkdir"), outside);

    CliRun run = cli(tree, Map.of(), "scan", "--max-file-size", "1000");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(cli(tree, Map.of(), "scan").out()).contains("big.env:1:15");
  }

  @Test
  void readsStandardInputAsPathDash() {
    String line = "curl -H 'dev-id: acme-testing-1' -H 'x-api-key: " + key + "' https://x\n";

    CliRun run =
        ScanFixtures.cliWithInput(
            tree, Map.of(), line.getBytes(StandardCharsets.UTF_8), "scan", "-");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("-:1:" + (line.indexOf(key) + 1) + " terra-api-key");
  }

  @Test
  void isRegisteredWithHelpNamingExitCodesAndTheHook() {
    assertThat(cli(tree, Map.of(), "--help").out()).contains("scan");
    CliRun help = cli(tree, Map.of(), "scan", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("Exit codes: 0 no findings, 1 findings, 2 error")
        .contains("install-hook");
  }

  @Test
  void usageProblemsExitWithTwo() {
    assertThat(cli(tree, Map.of(), "scan", "--json", "--sarif").exitCode()).isEqualTo(2);
    assertThat(cli(tree, Map.of(), "scan", "no-such-dir").exitCode()).isEqualTo(2);
    assertThat(cli(tree, Map.of(), "scan", "--baseline", "missing.json").exitCode()).isEqualTo(2);
    assertThat(cli(tree, Map.of(), "scan", "--no-such-option").exitCode()).isEqualTo(2);
    assertThat(cli(tree, Map.of(), "scan").exitCode()).isZero();
  }
}
