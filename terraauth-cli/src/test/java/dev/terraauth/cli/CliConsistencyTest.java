package dev.terraauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConsistencyTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  @TempDir Path workingDirectory;

  CliRun run(Map<String, String> variables, String... args) {
    // as the launcher builds it: only the named command registered
    return CliRun.of(
        TerraAuthCli.create(new CliContext(variables, new Properties(), workingDirectory), args),
        args);
  }

  @Test
  void anUnknownEnvironmentIsAUsageErrorEvenWhereNoEnvironmentIsRead() {
    CliRun run = run(Map.of(), "env", "list", "--env", "bogus");
    assertThat(run.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(run.err()).contains("unknown environment 'bogus'");
  }

  @Test
  void withJsonErrorsAreJsonObjects() throws Exception {
    CliRun run = run(Map.of(), "env", "show", "--env", "bogus", "--json");
    JsonNode error = JSON.readTree(run.out()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("usage");
    assertThat(error.get("message").asText()).contains("bogus");
    assertThat(error.has("hint")).isTrue();

    CliRun noEnv = run(Map.of(), "env", "show", "--json");
    assertThat(noEnv.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(JSON.readTree(noEnv.out()).at("/error/code").asText()).isEqualTo("config");
  }

  @Test
  void theDefaultEnvironmentComesFromTerraAuthEnv() throws Exception {
    CliRun run = run(Map.of("TERRA_AUTH_ENV", "local"), "env", "show", "--json");
    assertThat(run.exitCode()).isZero();
    assertThat(JSON.readTree(run.out()).get("environment").asText()).isEqualTo("local");
    CliRun bad = run(Map.of("TERRA_AUTH_ENV", "prod"), "env", "show");
    assertThat(bad.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(bad.err()).contains("TERRA_AUTH_ENV").contains("unknown environment 'prod'");
  }

  @Test
  void envListPrintsParsableJson() throws Exception {
    JsonNode rows = JSON.readTree(run(Map.of(), "env", "list", "--json").out());
    assertThat(rows).hasSize(4);
    assertThat(rows.get(3).get("environment").asText()).isEqualTo("local");
    assertThat(rows.get(3).get("complete").asBoolean()).isTrue();
  }

  @Test
  void portsAreRangeChecked() {
    CliRun run = run(Map.of(), "serve", "--port", "99999");
    assertThat(run.exitCode()).isEqualTo(TerraAuthCli.USAGE);
    assertThat(run.err()).contains("99999 is not a port: use 0-65535");
    assertThat(run(Map.of(), "emulator", "--port", "-1").err()).contains("is not a port");
  }

  @Test
  void versionNamesTheProjectVersionAndCommit() {
    CliRun run = run(Map.of(), "--version");
    assertThat(run.out()).startsWith("terra-auth ").contains("(commit ");
    assertThat(run.out()).doesNotContain("development build");
  }

  @Test
  void bashCompletionLoadsAndCompletesSubcommands() throws Exception {
    CliRun run = run(Map.of(), "completion", "bash");
    assertThat(run.exitCode()).isZero();
    Path script = workingDirectory.resolve("terra-auth.bash");
    Files.writeString(script, run.out());
    assertThat(bash("bash -n " + script)).isEmpty();
    String completions =
        bash(
            "source "
                + script
                + "; COMP_WORDS=(terra-auth en); COMP_CWORD=1; _complete_terra-auth;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"; COMP_WORDS=(terra-auth env ''); COMP_CWORD=2;"
                + " _complete_terra-auth; printf '%s\\n' \"${COMPREPLY[@]}\"");
    assertThat(completions.lines()).contains("env", "list", "show", "check", "init");
    assertThat(run(Map.of(), "completion", "zsh").out()).contains("bashcompinit");
    assertThat(run(Map.of(), "completion", "fish").out())
        .contains("complete -c terra-auth -n '__fish_use_subcommand' -a 'trigger'");
    assertThat(run(Map.of(), "completion", "tcsh").exitCode()).isEqualTo(TerraAuthCli.USAGE);
  }

  private static String bash(String command) throws Exception {
    Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }
}
