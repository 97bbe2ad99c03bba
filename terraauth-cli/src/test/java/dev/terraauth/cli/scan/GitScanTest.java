package dev.terraauth.cli.scan;

import static dev.terraauth.cli.scan.ScanFixtures.cli;
import static dev.terraauth.cli.scan.ScanFixtures.git;
import static dev.terraauth.cli.scan.ScanFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --history, --staged, install-hook and exit codes against real temporary git repositories. */
class GitScanTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  @TempDir Path repository;

  private final Random random = new Random(42);
  private String leakedLine;

  @BeforeEach
  void setUp() {
    ScanFixtures.initRepository(repository);
    write(repository.resolve("README.md"), "# demo\nUses the Terra API.\n");
    git(repository, "add", "README.md");
    git(repository, "commit", "-q", "-m", "initial");
    leakedLine = "TERRA_API_KEY=" + ScanFixtures.randomKey(random, 40) + "\n";
  }

  @Test
  void historyReportsABlobDeletedLongAgoWithTheCommitThatAddedIt() throws Exception {
    write(repository.resolve("config/terra.env"), "# terra\n" + leakedLine);
    git(repository, "add", ".");
    git(repository, "commit", "-q", "-m", "add config");
    String leakingCommit = git(repository, "rev-parse", "HEAD").strip();
    git(repository, "rm", "-q", "config/terra.env");
    git(repository, "commit", "-q", "-m", "remove config");

    assertThat(cli(repository, Map.of(), "scan").exitCode()).isZero();
    CliRun history = cli(repository, Map.of(), "scan", "--history", "--json");

    assertThat(history.exitCode()).as(history.err()).isEqualTo(1);
    JsonNode finding = JSON.readTree(history.out()).path("findings").get(0);
    assertThat(finding.path("path").asText()).isEqualTo("config/terra.env");
    assertThat(finding.path("line").asInt()).isEqualTo(2);
    assertThat(finding.path("column").asInt()).isEqualTo(15);
    assertThat(finding.path("commit").asText()).isEqualTo(leakingCommit);
    assertThat(cli(repository, Map.of(), "scan", "--history").out())
        .contains("config/terra.env:2:15 terra-api-key")
        .contains("commit " + leakingCommit.substring(0, 12));
  }

  @Test
  void historyOfACleanRepositoryExitsZero() {
    assertThat(cli(repository, Map.of(), "scan", "--history").exitCode()).isZero();
  }

  @Test
  void stagedScansTheIndexVersionNotTheWorkingCopy() {
    write(repository.resolve("app.env"), "# terra\n" + leakedLine);
    git(repository, "add", "app.env");

    CliRun staged = cli(repository, Map.of(), "scan", "--staged");
    assertThat(staged.exitCode()).isEqualTo(1);
    assertThat(staged.out()).contains("app.env:2:15 terra-api-key");

    write(repository.resolve("app.env"), "# terra\nTERRA_API_KEY=${TERRA_API_KEY}\n");
    git(repository, "add", "app.env");
    write(repository.resolve("app.env"), "# terra\n" + leakedLine); // unstaged again
    assertThat(cli(repository, Map.of(), "scan", "--staged").exitCode()).isZero();
  }

  @Test
  void stagedAndHistoryOutsideAGitRepositoryAreErrors(@TempDir Path notARepository) {
    CliRun staged = cli(notARepository, Map.of(), "scan", "--staged");
    assertThat(staged.exitCode()).isEqualTo(2);
    assertThat(staged.err()).contains("not inside a git work tree");
    assertThat(cli(notARepository, Map.of(), "scan", "--history").exitCode()).isEqualTo(2);
  }

  @Test
  void installedHookBlocksACommitThatAddsAKeyAndLetsACleanOneThrough() throws Exception {
    CliRun install = cli(repository, Map.of(), "scan", "install-hook");
    assertThat(install.exitCode()).as(install.err()).isZero();
    Path hook = repository.resolve(".git/hooks/pre-commit");
    assertThat(Files.isExecutable(hook)).isTrue();
    assertThat(Files.readString(hook)).contains("scan --staged");

    write(repository.resolve("leak.env"), "# terra\n" + leakedLine);
    git(repository, "add", "leak.env");
    CommitResult blocked = commit("leak");
    assertThat(blocked.exitCode()).isNotZero();
    assertThat(blocked.output()).contains("leak.env:2:15 terra-api-key");
    assertThat(git(repository, "log", "--oneline").lines()).hasSize(1);

    git(repository, "rm", "-q", "--cached", "leak.env");
    write(repository.resolve("notes.md"), "Terra keys live in .env.terra.testing\n");
    git(repository, "add", "notes.md");
    assertThat(commit("notes").exitCode()).isZero();
    assertThat(git(repository, "log", "--oneline").lines()).hasSize(2);
  }

  @Test
  void installHookKeepsAForeignHookUnlessForced() throws Exception {
    Path hook = repository.resolve(".git/hooks/pre-commit");
    write(hook, "#!/bin/sh\necho mine\n");

    CliRun refused = cli(repository, Map.of(), "scan", "install-hook");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--force");
    assertThat(Files.readString(hook)).isEqualTo("#!/bin/sh\necho mine\n");

    assertThat(cli(repository, Map.of(), "scan", "install-hook", "--force").exitCode()).isZero();
    assertThat(Files.readString(hook)).contains(InstallHookCommand.MARKER);
    assertThat(Files.readString(repository.resolve(".git/hooks/pre-commit.terra-auth-backup")))
        .contains("echo mine");
    // Re-installing over our own hook needs no --force.
    assertThat(cli(repository, Map.of(), "scan", "install-hook").exitCode()).isZero();
  }

  @Test
  void treeScanInAWorkTreeRespectsGitignore() {
    write(repository.resolve(".gitignore"), "*.local.env\n");
    write(repository.resolve("dev.local.env"), "# terra\n" + leakedLine);
    assertThat(cli(repository, Map.of(), "scan").exitCode()).isZero();

    write(repository.resolve("dev.env"), "# terra\n" + leakedLine); // untracked, not ignored
    assertThat(cli(repository, Map.of(), "scan").exitCode()).isEqualTo(1);
  }

  private record CommitResult(int exitCode, String output) {}

  private CommitResult commit(String message) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of("git", "-C", repository.toString(), "commit", "-q", "-m", message))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new CommitResult(process.exitValue(), output);
  }
}
