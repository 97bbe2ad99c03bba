package dev.terraauth.cli.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.Cli;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.serve.RunningGateway;
import dev.terraauth.cli.serve.ServeCommand;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeliveriesCommandTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  static final String ADMIN_TOKEN = "fake-admin-token-for-tests-0001";

  @TempDir Path workingDirectory;

  CliRun run(Map<String, String> variables, String... args) {
    return Cli.run(variables, workingDirectory, args);
  }

  @Test
  void listShowAndResendAgainstARealGateway() throws Exception {
    Map<String, String> admin = Map.of("TERRAAUTH_ADMIN_TOKEN", ADMIN_TOKEN);
    CommandLine cli =
        TerraAuthCli.create(new CliContext(admin, new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(new StringWriter()));
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "serve",
            "--port",
            "0",
            "--emulator-port",
            "0",
            "--data-dir",
            "data",
            "--reconcile-every",
            "PT0S");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    try (RunningGateway gateway = serve.start()) {
      String url = gateway.url().toString();
      assertThat(
              run(
                      Map.of(),
                      "trigger",
                      "deauth",
                      "--to",
                      url + "/webhooks/terra",
                      "--user-id",
                      "u-del-1")
                  .exitCode())
          .isZero();

      CliRun list = run(admin, "deliveries", "list", "--gateway", url, "--json");
      assertThat(list.exitCode()).as(list.err()).isZero();
      JsonNode deliveries = JSON.readTree(list.out()).get("deliveries");
      assertThat(deliveries).hasSize(1);
      String key = deliveries.get(0).get("dedupe_key").asText();
      assertThat(run(admin, "deliveries", "list", "--gateway", url).out())
          .contains(key)
          .contains("deauth");

      CliRun show = run(admin, "deliveries", "show", key, "--gateway", url, "--json");
      assertThat(show.exitCode()).isZero();
      assertThat(JSON.readTree(show.out()).get("body").asText()).contains("u-del-1");

      CliRun resend = run(admin, "deliveries", "resend", key, "--gateway", url);
      assertThat(resend.exitCode()).as(resend.out() + resend.err()).isZero();
      assertThat(resend.out()).contains("-> 200");
      // the same trace id: the gateway deduplicated it
      JsonNode after =
          JSON.readTree(run(admin, "deliveries", "list", "--gateway", url, "--json").out())
              .get("deliveries");
      assertThat(after).hasSize(1);
      assertThat(
              run(admin, "deliveries", "resend", key, "--gateway", url, "--new-trace-id")
                  .exitCode())
          .isZero();
      assertThat(
              JSON.readTree(run(admin, "deliveries", "list", "--gateway", url, "--json").out())
                  .get("deliveries"))
          .hasSize(2);

      CliRun missing = run(admin, "deliveries", "show", "nope", "--gateway", url, "--json");
      assertThat(missing.exitCode()).isEqualTo(TerraAuthCli.PROBLEM);
      assertThat(JSON.readTree(missing.out()).at("/error/code").asText()).isEqualTo("not_found");
      CliRun wrongToken =
          run(
              Map.of("TERRAAUTH_ADMIN_TOKEN", "fake-wrong-token-0000"),
              "deliveries",
              "list",
              "--gateway",
              url);
      assertThat(wrongToken.exitCode()).isEqualTo(TerraAuthCli.USAGE);
      assertThat(wrongToken.err()).contains("refused the admin token");
    }
    CliRun noToken = run(Map.of(), "deliveries", "list");
    assertThat(noToken.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(noToken.err()).contains("TERRAAUTH_ADMIN_TOKEN");
  }
}
