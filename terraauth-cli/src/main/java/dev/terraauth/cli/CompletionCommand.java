package dev.terraauth.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth completion bash|zsh|fish}: the shell completion script on stdout. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description = "Print the shell completion script for bash, zsh or fish.",
    footer = {
      "",
      "Load it for the current shell, or install it for every new one:",
      "  bash:  source <(terra-auth completion bash)",
      "         terra-auth completion bash > ~/.local/share/bash-completion/completions/terra-auth",
      "  zsh:   source <(terra-auth completion zsh)        (uses bashcompinit)",
      "  fish:  terra-auth completion fish > ~/.config/fish/completions/terra-auth.fish",
      "Exit codes: 0 printed, 2 unknown shell."
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells a script exists for. */
  enum Shell {
    BASH,
    ZSH,
    FISH
  }

  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      description = "bash, zsh or fish.",
      converter = ShellConverter.class)
  Shell shell;

  @Override
  public Integer call() {
    // The script covers every command, so build the full tree even when only this one was asked
    // for (see TerraAuthCli#create).
    CommandLine full = TerraAuthCli.create(root.context());
    PrintWriter out = spec.commandLine().getOut();
    switch (shell) {
      case BASH, ZSH -> out.print(AutoComplete.bash("terra-auth", full));
      case FISH -> out.print(FishCompletion.script(full));
    }
    out.flush();
    return TerraAuthCli.OK;
  }

  /** Case-insensitive, with the accepted values in the error. */
  static final class ShellConverter implements CommandLine.ITypeConverter<Shell> {
    @Override
    public Shell convert(String value) {
      try {
        return Shell.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown shell '" + value + "': use bash, zsh or fish");
      }
    }
  }

  /** Fish has its own completion language; picocli writes only bash (which zsh can load). */
  static final class FishCompletion {
    private FishCompletion() {}

    static String script(CommandLine root) {
      StringBuilder script = new StringBuilder("# fish completion for terra-auth\n");
      script.append("complete -c terra-auth -f\n");
      options(script, root.getCommandSpec(), "");
      root.getSubcommands()
          .forEach(
              (name, command) -> {
                script.append(
                    "complete -c terra-auth -n '__fish_use_subcommand' -a "
                        + quote(name)
                        + " -d "
                        + quote(description(command.getCommandSpec()))
                        + "\n");
                String seen = "__fish_seen_subcommand_from " + name;
                options(script, command.getCommandSpec(), seen);
                command
                    .getSubcommands()
                    .forEach(
                        (childName, child) ->
                            script.append(
                                "complete -c terra-auth -n '"
                                    + seen
                                    + "' -a "
                                    + quote(childName)
                                    + " -d "
                                    + quote(description(child.getCommandSpec()))
                                    + "\n"));
              });
      return script.toString();
    }

    private static void options(StringBuilder script, CommandSpec command, String condition) {
      for (OptionSpec option : command.options()) {
        if (option.hidden()) {
          continue;
        }
        for (String name : option.names()) {
          if (name.startsWith("--")) {
            script.append("complete -c terra-auth");
            if (!condition.isEmpty()) {
              script.append(" -n '").append(condition).append("'");
            }
            script.append(" -l ").append(name.substring(2));
            if (option.arity().max() > 0) {
              script.append(" -r");
            }
            if (option.description().length > 0) {
              script.append(" -d ").append(quote(option.description()[0]));
            }
            script.append("\n");
          }
        }
      }
    }

    private static String description(CommandSpec command) {
      String[] description = command.usageMessage().description();
      return description.length == 0 ? "" : description[0];
    }

    /** A single-quoted fish string: backslashes and single quotes escaped. */
    private static String quote(String text) {
      String firstSentence = text.length() > 80 ? text.substring(0, 77) + "..." : text;
      return "'" + firstSentence.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
  }
}
