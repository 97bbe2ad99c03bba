package dev.terraauth.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.emulator.TerraEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The API commands with {@code --env local} against the embedded emulator's built-in account. */
class ApiCommandsEmulatorTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private static TerraEmulator emulator;

  @TempDir Path workingDirectory;
  private String out;
  private String err;

  @BeforeAll
  static void start() {
    emulator = TerraEmulator.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--env", "local", "--emulator-url", emulator.baseUrl().toString()));
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    StringWriter outWriter = new StringWriter();
    StringWriter errWriter = new StringWriter();
    cli.setOut(new PrintWriter(outWriter, true));
    cli.setErr(new PrintWriter(errWriter, true));
    int exitCode = cli.execute(all.toArray(String[]::new));
    out = outWriter.toString();
    err = errWriter.toString();
    return exitCode;
  }

  @Test
  void widgetSessionMobileTokenAndAuthLinkWork() throws IOException {
    assertThat(run("widget-session", "--reference-id", "cli-user-1", "--json")).as(err).isZero();
    JsonNode session = JSON.readTree(out);
    assertThat(session.get("url").asText()).startsWith(emulator.baseUrl().toString());

    assertThat(run("mobile-token")).as(err).isZero();
    assertThat(out).containsPattern("[0-9a-f]{64}");

    assertThat(run("auth-url", "--resource", "FITBIT", "--reference-id", "cli-user-2"))
        .as(err)
        .isZero();
    assertThat(out).contains("/consent/");
  }

  @Test
  void unknownUserIsNotFoundWithExitOne() {
    assertThat(run("user", "--user-id", "no-such-user")).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("GET /userInfo (local) returned 404");
  }

  @Test
  void integrationsAndUsersList() {
    assertThat(run("integrations")).as(err).isZero();
    assertThat(out).contains("PROVIDER").contains("cloud");
    assertThat(run("users")).as(err).isZero();
  }
}
