package dev.terraauth.cli.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      dev.terraauth.core.json.TerraJson.newMapper();

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
  void jsonDescribesTheRunningEmulatorOnOneLineWithoutSecrets() throws Exception {
    AtomicInteger status = new AtomicInteger();
    AtomicReference<String> printedWhileRunning = new AtomicReference<>();
    int exitCode =
        command(
                emulator -> {
                  printedWhileRunning.set(out.toString());
                  try {
                    String apiBase = JSON.readTree(out.toString()).get("api_base_url").asText();
                    status.set(get(apiBase + "/integrations"));
                  } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                  }
                })
            .execute("--port", "0", "--json");

    assertThat(exitCode).isZero();
    assertThat(status.get()).isEqualTo(200);
    assertThat(printedWhileRunning.get().strip().lines()).hasSize(1);
    JsonNode object = JSON.readTree(printedWhileRunning.get());
    assertThat(object.get("profile").asText()).isEqualTo("current");
    assertThat(object.get("admin_url").asText()).endsWith("/_emulator");
    assertThat(object.get("secrets_shown").asBoolean()).isFalse();
    JsonNode local = object.get("accounts").get(0);
    assertThat(local.get("dev_id").asText()).isEqualTo(EmulatorAccount.LOCAL_DEV_ID);
    assertThat(local.get("providers").isArray()).isTrue();
    assertThat(local.has("api_key")).isFalse();
    assertThat(printedWhileRunning.get())
        .doesNotContain(EmulatorAccount.LOCAL_API_KEY)
        .doesNotContain(EmulatorAccount.LOCAL_SIGNING_SECRET)
        .doesNotContain("Ctrl+C");
  }

  @Test
  void jsonWithShowSecretsIncludesTheKeys() throws Exception {
    assertThat(command(emulator -> {}).execute("--port", "0", "--json", "--show-secrets")).isZero();
    JsonNode local = JSON.readTree(out.toString()).get("accounts").get(0);
    assertThat(local.get("api_key").asText()).isEqualTo(EmulatorAccount.LOCAL_API_KEY);
    assertThat(local.get("signing_secrets").get(0).asText())
        .isEqualTo(EmulatorAccount.LOCAL_SIGNING_SECRET);
  }

  @Test
  void withJsonFailuresAreJsonErrorObjects() throws Exception {
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("emulator", "--json", "--config", "missing.yaml"))
        .isEqualTo(TerraAuthCli.USAGE);
    assertThat(errorOf(out.toString()).get("code").asText()).isEqualTo("config");
    assertThat(errorOf(out.toString()).get("message").asText())
        .isEqualTo("config file not found: missing.yaml");

    out.getBuffer().setLength(0);
    assertThat(cli.execute("emulator", "--json", "--profile", "future"))
        .isEqualTo(TerraAuthCli.USAGE);
    assertThat(errorOf(out.toString()).get("code").asText()).isEqualTo("usage");
    assertThat(errorOf(out.toString()).get("message").asText()).contains("use current or legacy");

    out.getBuffer().setLength(0);
    assertThat(cli.execute("emulator", "--json", "--port", "70000")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(errorOf(out.toString()).get("code").asText()).isEqualTo("usage");

    try (TerraEmulator busy = TerraEmulator.builder().port(0).start()) {
      out.getBuffer().setLength(0);
      assertThat(cli.execute("emulator", "--json", "--port", Integer.toString(busy.port())))
          .isEqualTo(TerraAuthCli.PROBLEM);
      JsonNode error = errorOf(out.toString());
      assertThat(error.get("code").asText()).isEqualTo("bind_failed");
      assertThat(error.get("message").asText())
          .isEqualTo(
              "cannot listen on 127.0.0.1:"
                  + busy.port()
                  + ": the port is in use by another program");
      assertThat(error.get("hint").asText()).contains("--port");
    }
    assertThat(err.toString()).isEmpty();
  }

  private static JsonNode errorOf(String json) throws java.io.IOException {
    JsonNode error = JSON.readTree(json).get("error");
    assertThat(error).as("an error object in %s", json).isNotNull();
    return error;
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
