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
import picocli.CommandLine;

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

  /**
   * Commands without --json, each with the reason; every other command (new ones included) must
   * take it. The value is why the command prints no data a script would parse.
   */
  private static final Map<String, String> WITHOUT_JSON =
      Map.of(
          "terra-auth completion", "prints a shell script",
          "terra-auth env init", "writes a file and prints one confirmation line",
          "terra-auth scan install-hook", "writes a hook and prints one confirmation line",
          "terra-auth serve", "a service: prints instructions for a person, then logs");

  @Test
  void everyCommandThatPrintsDataTakesJson() {
    CommandLine root =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    java.util.List<String> missing = new java.util.ArrayList<>();
    java.util.List<String> leaves = new java.util.ArrayList<>();
    collectLeaves(root, leaves);
    for (String name : leaves) {
      CommandLine command = find(root, name);
      boolean hasJson = command.getCommandSpec().findOption("--json") != null;
      if (hasJson == WITHOUT_JSON.containsKey(name)) {
        missing.add(name + (hasJson ? " (has --json: remove it from WITHOUT_JSON)" : ""));
      }
    }
    assertThat(leaves).contains("terra-auth emulator", "terra-auth env list", "terra-auth users");
    assertThat(missing).as("commands without --json and not exempted").isEmpty();
  }

  private static void collectLeaves(CommandLine command, java.util.List<String> leaves) {
    if (command.getSubcommands().isEmpty()) {
      leaves.add(command.getCommandSpec().qualifiedName());
    }
    // each command once, under its name (aliases map to the same CommandLine)
    new java.util.LinkedHashSet<>(command.getSubcommands().values())
        .forEach(sub -> collectLeaves(sub, leaves));
  }

  private static CommandLine find(CommandLine root, String qualifiedName) {
    CommandLine command = root;
    for (String part : qualifiedName.substring("terra-auth ".length()).split(" ")) {
      command = command.getSubcommands().get(part);
    }
    return command;
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
