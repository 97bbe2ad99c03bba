package dev.terraauth.cli.scan;

import static dev.terraauth.cli.scan.ScanFixtures.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project's own tree scans clean through its own ignore file, with no special-casing. */
class ProjectTreeScanTest {
  @Test
  void theProjectTreeHasNoFindings() {
    Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
    assertThat(repositoryRoot.resolve(ScanOptions.IGNORE_FILE)).exists();
    assertThat(Files.exists(repositoryRoot.resolve("terraauth-cli"))).isTrue();

    CliRun run = cli(repositoryRoot, Map.of(), "scan", "--no-progress");

    assertThat(run.out()).contains("no Terra credentials found");
    assertThat(run.exitCode()).isZero();
  }
}
