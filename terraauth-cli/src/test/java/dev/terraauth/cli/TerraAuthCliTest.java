package dev.terraauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TerraAuthCliTest {
  @TempDir Path workingDirectory;

  @Test
  void helpListsExitCodes() {
    StringWriter out = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));

    int exitCode = cli.execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("Exit codes:").contains("serve");
  }

  /** The root usage built from the commands' summaries reads exactly as the full tree's. */
  @Test
  void theFastRootUsageEqualsTheFullOne() {
    CliContext context = new CliContext(Map.of(), new Properties(), workingDirectory);
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {}}) {
      StringWriter full = new StringWriter();
      CommandLine fullTree = TerraAuthCli.create(context);
      fullTree.setOut(new PrintWriter(full));
      StringWriter fast = new StringWriter();
      CommandLine summaries = TerraAuthCli.create(context, args);
      summaries.setOut(new PrintWriter(fast));

      assertThat(summaries.execute(args)).isZero();
      assertThat(fullTree.execute(args)).isZero();
      assertThat(summaries.getSubcommands().keySet()).containsExactly("COMMAND");
      assertThat(fast.toString()).isEqualTo(full.toString()).contains("Commands:", "emulator");
    }
  }

  /** {@code --version} builds the root alone, and prints what the full tree prints. */
  @Test
  void theVersionNeedsNoCommand() {
    CliContext context = new CliContext(Map.of(), new Properties(), workingDirectory);
    for (String flag : new String[] {"--version", "-V"}) {
      StringWriter fast = new StringWriter();
      CommandLine root = TerraAuthCli.create(context, new String[] {flag});
      root.setOut(new PrintWriter(fast));
      StringWriter full = new StringWriter();
      CommandLine fullTree = TerraAuthCli.create(context);
      fullTree.setOut(new PrintWriter(full));

      assertThat(root.execute(flag)).isZero();
      assertThat(fullTree.execute(flag)).isZero();
      assertThat(root.getSubcommands()).isEmpty();
      assertThat(fast.toString()).isEqualTo(full.toString()).startsWith("terra-auth ");
    }
  }

  /**
   * Every command's usage renders without picocli's "Could not format" warning: a lone % in a
   * description (picocli formats descriptions with String.format) printed that warning to standard
   * error on every --help.
   */
  @Test
  void everyUsageFormatsCleanly() {
    CommandLine full =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream systemErr = System.err;
    int rendered = 0;
    java.util.Deque<CommandLine> pending = new java.util.ArrayDeque<>(java.util.List.of(full));
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      while (!pending.isEmpty()) {
        CommandLine command = pending.pop();
        pending.addAll(command.getSubcommands().values());
        assertThat(command.getUsageMessage()).isNotBlank();
        rendered++;
      }
    } finally {
      System.setErr(systemErr);
    }
    assertThat(rendered).as("commands in the tree").isGreaterThan(30);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }

  /**
   * The CLI turns off picocli's built-in java.time (but Duration) and java.sql converters: every
   * option or parameter of such a type must name its own converter, or parsing it would fail.
   */
  @Test
  void everyArgumentOfAnExcludedTypeHasItsOwnConverter() {
    CommandLine full =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    int visited = 0;
    java.util.Deque<CommandLine> pending = new java.util.ArrayDeque<>(java.util.List.of(full));
    while (!pending.isEmpty()) {
      CommandLine command = pending.pop();
      pending.addAll(command.getSubcommands().values());
      for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
        visited++;
        for (Class<?> type : arg.auxiliaryTypes()) {
          String name = type.getName();
          boolean excluded =
              name.startsWith("java.sql.")
                  || (name.startsWith("java.time.") && type != java.time.Duration.class);
          if (excluded) {
            assertThat(arg.converters())
                .as(command.getCommandSpec().qualifiedName() + " " + arg + " (" + name + ")")
                .isNotEmpty();
          }
        }
      }
    }
    assertThat(visited).as("options and parameters of the whole tree").isGreaterThan(100);
  }

  /** The summaries --help lists are those of the commands themselves, for every command. */
  @Test
  void everyCommandHasItsSummary() {
    CommandLine full =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    full.getSubcommands()
        .forEach(
            (name, command) ->
                expected.put(name, command.getCommandSpec().usageMessage().description()[0]));
    assertThat(Commands.summaries()).containsExactlyEntriesOf(expected);
  }

  /** {@code env list} and {@code webhook verify} build only their own branch, and read the same. */
  @Test
  void aCommandGroupBuildsOnlyTheSubcommandAskedFor() {
    CliContext context = new CliContext(Map.of(), new Properties(), workingDirectory);
    for (String[] args :
        new String[][] {
          {"env", "list", "--help"}, {"webhook", "verify", "--help"}, {"env", "--help"},
          {"webhook", "--help"}, {"env", "show", "--help"}, {"webhook", "sign", "--help"}
        }) {
      CommandLine narrow = TerraAuthCli.create(context, args);
      CommandLine group = narrow.getSubcommands().get(args[0]);
      if (!args[1].startsWith("-")) {
        assertThat(group.getSubcommands().keySet()).containsExactly(args[1]);
      }
      StringWriter fast = new StringWriter();
      narrow.setOut(new PrintWriter(fast));
      StringWriter full = new StringWriter();
      CommandLine fullTree = TerraAuthCli.create(context);
      fullTree.setOut(new PrintWriter(full));

      assertThat(narrow.execute(args)).isZero();
      assertThat(fullTree.execute(args)).isZero();
      assertThat(fast.toString()).isEqualTo(full.toString()).startsWith("Usage: terra-auth ");
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("--no-such-option")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString())
        .contains("--no-such-option")
        .contains("Run 'terra-auth --help' for the options.")
        .doesNotContain("Exit codes:");
  }

  @Test
  void mistypedSubcommandGetsASuggestionAndExitsTwo() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), workingDirectory));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("env", "shwo")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("terra-auth env: ").contains("env show");
  }
}
