package dev.terraauth.cli.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorCommandTest {
  @TempDir Path workingDirectory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void servesAndListsDevIdsWithoutSecrets() throws Exception {
    Path config = workingDirectory.resolve("emulator.yaml");
    Files.writeString(
        config,
        """
        accounts:
          - dev_id: acme-testing-0000
            api_key: fake-api-key-testing-0000
            signing_secrets: [fake-signing-secret-testing-0000]
        """);
    AtomicInteger status = new AtomicInteger();
    AtomicReference<String> profile = new AtomicReference<>();
    int exitCode =
        command(
                emulator -> {
                  status.set(get(emulator.apiBaseUrl() + "/integrations"));
                  profile.set(emulator.profile().id());
                })
            .execute("--port", "0", "--config", config.toString(), "--profile", "legacy");

    assertThat(exitCode).isZero();
    assertThat(status.get()).isEqualTo(200);
    assertThat(profile.get()).isEqualTo("legacy");
    assertThat(out.toString())
        .contains(EmulatorAccount.LOCAL_DEV_ID)
        .contains("acme-testing-0000")
        .contains("/api/v2")
        .contains("Ctrl+C")
        .doesNotContain(EmulatorAccount.LOCAL_API_KEY)
        .doesNotContain("fake-api-key-testing-0000")
        .doesNotContain("fake-signing-secret-testing-0000");
  }

  @Test
  void showSecretsPrintsKeysAndSaysItIsForLocalUse() {
    int exitCode = command(emulator -> {}).execute("--port", "0", "--show-secrets");
    assertThat(exitCode).isZero();
    assertThat(out.toString())
        .contains(EmulatorAccount.LOCAL_API_KEY)
        .contains(EmulatorAccount.LOCAL_SIGNING_SECRET)
        .contains("for local use only");
  }

  @Test
  void badOptionsAndConfigsAreUsageErrors() throws Exception {
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("emulator", "--config", "missing.yaml")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("config file not found: missing.yaml");
    assertThat(cli.execute("emulator", "--profile", "future")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("use current or legacy");
    Files.writeString(workingDirectory.resolve("bad.yaml"), "accounts: [{dev_id: x}]\n");
    assertThat(cli.execute("emulator", "--config", "bad.yaml")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("bad.yaml: accounts[0]: api_key is required");
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("emulator");
  }

  @Test
  void aBusyPortIsReportedAsAProblem() {
    try (TerraEmulator busy = TerraEmulator.builder().port(0).start()) {
      int exitCode = command(emulator -> {}).execute("--port", Integer.toString(busy.port()));
      assertThat(exitCode).isEqualTo(TerraAuthCli.PROBLEM);
      assertThat(err.toString()).contains("the port is in use by another program");
    }
  }

  private CommandLine command(java.util.function.Consumer<TerraEmulator> whileRunning) {
    CommandLine cli = new CommandLine(new EmulatorCommand(whileRunning));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli;
  }

  private static int get(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
