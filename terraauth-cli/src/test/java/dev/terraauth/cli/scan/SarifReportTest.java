package dev.terraauth.cli.scan;

import static dev.terraauth.cli.scan.ScanFixtures.cli;
import static dev.terraauth.cli.scan.ScanFixtures.git;
import static dev.terraauth.cli.scan.ScanFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.terraauth.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --sarif output validates against the SARIF 2.1.0 schema, with and without findings. */
class SarifReportTest {
  private static Schema schema;

  @TempDir Path repository;

  @BeforeAll
  static void loadSchema() {
    schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(ScanFixtures.resource("sarif/sarif-schema-2.1.0.json"), InputFormat.JSON);
  }

  @Test
  void historyFindingsWithSpacesInPathsAreValidSarif() {
    ScanFixtures.initRepository(repository);
    Random random = new Random(99);
    write(
        repository.resolve("docs/quick start.md"),
        "```sh\ncurl -H \"dev-id: acme-testing-1\" -H \"x-api-key: "
            + ScanFixtures.randomKey(random, 40)
            + "\" https://access.tryterra.co/api/v2/integrations\n```\n");
    git(repository, "add", ".");
    git(repository, "commit", "-q", "-m", "docs");

    CliRun run = cli(repository, Map.of(), "scan", "--history", "--sarif");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"ruleId\" : \"terra-api-key\"")
        .contains("docs/quick%20start.md");
    assertValid(run.out());
  }

  @Test
  void aCleanRunIsValidSarifWithNoResults() {
    write(repository.resolve("README.md"), "Terra\n");
    CliRun run = cli(repository, Map.of(), "scan", "--sarif");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"results\" : [ ]");
    assertValid(run.out());
  }

  @Test
  void theSchemaRejectsABrokenLog() {
    List<Error> errors =
        schema.validate("{\"version\": \"2.0.0\", \"runs\": []}", InputFormat.JSON);
    assertThat(errors).isNotEmpty();
  }

  private static void assertValid(String sarif) {
    List<Error> errors = schema.validate(sarif, InputFormat.JSON);
    assertThat(errors).as(sarif).isEmpty();
  }
}
