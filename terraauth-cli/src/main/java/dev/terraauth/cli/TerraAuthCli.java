package dev.terraauth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point of the {@code terra-auth} command. */
public final class TerraAuthCli {
  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: the command ran and found a problem. */
  public static final int PROBLEM = 1;

  /** Exit code: usage or configuration error. */
  public static final int USAGE = 2;

  private TerraAuthCli() {}

  public static void main(String[] args) throws java.io.IOException {
    dev.terraauth.gateway.CommonPool.atLeastTwo(); // first: see there
    if (args.length == 1 && args[0].equals(StartupTraining.ARGUMENT)) {
      System.exit(StartupTraining.run());
    }
    System.exit(create(CliContext.ofProcess(), args).execute(args));
  }

  /** Builds the command line with every command; tests call this with their own context. */
  public static CommandLine create(CliContext context) {
    return create(context, new String[0], false);
  }

  /**
   * Builds the command line for these arguments: when the first one names a command, only that
   * command is registered; for the root usage, only what its list of commands shows. Picocli
   * reflects over every annotated class it is given, and doing so for all of them was a third of
   * the start-up of a short command such as {@code env list}.
   */
  static CommandLine create(CliContext context, String[] args) {
    return create(context, args, asksForTheCommandList(args));
  }

  private static CommandLine create(CliContext context, String[] args, boolean commandList) {
    excludeUnusedConverters();
    CommandLine commandLine = new CommandLine(TerraAuthCommand.spec(new TerraAuthCommand(context)));
    Object only = commandList ? null : Commands.forArguments(args);
    if (asksForTheVersion(args)) {
      // the root alone prints it: registering every command first took 170 of --version's 220 ms
    } else if (only != null) {
      commandLine.addSubcommand(only);
    } else if (commandList) {
      listWithoutSubcommands(commandLine);
    } else {
      for (java.util.function.Supplier<Object> command : Commands.all().values()) {
        commandLine.addSubcommand(command.get());
      }
    }
    commandLine.setExecutionExceptionHandler(new ExecutionFailureHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    // After the subcommands are added, so every --help renders at the width its text is written
    // for (the terminal's when it is wider).
    commandLine.setUsageHelpWidth(100);
    commandLine.setUsageHelpAutoWidth(true);
    return commandLine;
  }

  /**
   * {@code terra-auth}, {@code terra-auth --help}: the root usage, whose list of commands needs
   * each command's name and description only, not its options and subcommands.
   */
  private static boolean asksForTheCommandList(String[] args) {
    return args.length == 0
        || (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")));
  }

  /** {@code terra-auth --version} (or {@code -V}) and nothing else. */
  private static boolean asksForTheVersion(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /**
   * Picocli registers, for every {@code CommandLine} it creates, a converter for each {@code
   * java.time} and {@code java.sql} type, loading and initialising those classes by reflection
   * (about a tenth of a short command's start-up). Options here take no {@code java.sql} type and
   * no {@code java.time} type but {@code Duration} (the gateway's intervals). Picocli documents
   * this property for the purpose; a value the user set wins.
   */
  private static void excludeUnusedConverters() {
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\.(?!Duration$).*");
    }
    // Picocli's default factory looks for Groovy's Closure class when first used; the failed
    // lookup searches the class path, and so opens and indexes the 30 MB jar (about 5 ms) that
    // the class-data-sharing archive otherwise spares every start. Picocli documents the property.
    if (System.getProperty(DISABLE_CLOSURES) == null) {
      System.setProperty(DISABLE_CLOSURES, "true");
    }
  }

  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  private static final String DISABLE_CLOSURES = "picocli.disable.closures";

  /**
   * The root usage lists each command's name and summary line; it is rendered from {@link
   * Commands#summaries()} without registering the commands. Inspecting every command (options,
   * nested subcommands, one annotation proxy class per kind of annotation) was most of the start-up
   * of {@code --help}, and even a bare subcommand costs picocli a parser of its own. One hidden
   * placeholder stands for them all, so that picocli still writes {@code [COMMAND]} in the
   * synopsis; it is never parsed, since this tree serves only {@code --help}.
   */
  private static void listWithoutSubcommands(CommandLine commandLine) {
    CommandSpec placeholder = CommandSpec.create().name("COMMAND");
    placeholder.usageMessage().hidden(true);
    commandLine.addSubcommand("COMMAND", placeholder);
    CommandLine.Model.UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
    java.util.Map<String, CommandLine.IHelpSectionRenderer> sections =
        new java.util.LinkedHashMap<>(usage.sectionMap());
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, new Heading());
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
    usage.sectionMap(sections);
  }

  /** "Commands:", which picocli leaves out when every subcommand it knows is hidden. */
  private static final class Heading implements CommandLine.IHelpSectionRenderer {
    @Override
    public String render(CommandLine.Help help) {
      return help.createHeading(help.commandSpec().usageMessage().commandListHeading());
    }
  }

  /**
   * The commands' names and summary lines, in the two-column table picocli lays out for real
   * subcommands (its {@code Help.commandList}, column for column). Built straight from the names
   * and lines: going through picocli's {@code commandList} takes a command model per entry, and
   * each model compiles picocli's four negatable-option patterns, about a sixth of {@code --help}.
   */
  private static final class CommandList implements CommandLine.IHelpSectionRenderer {
    @Override
    public String render(CommandLine.Help help) {
      java.util.Map<String, String> summaries = Commands.summaries();
      CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
      int width = usage.width();
      int longest = 0;
      for (String name : summaries.keySet()) {
        longest = Math.max(longest, name.length());
      }
      int nameWidth = Math.min(longest, width / 2);
      CommandLine.Help.ColorScheme colors = help.colorScheme();
      CommandLine.Help.TextTable table =
          CommandLine.Help.TextTable.forColumns(
              colors,
              new CommandLine.Help.Column(nameWidth + 2, 2, CommandLine.Help.Column.Overflow.SPAN),
              new CommandLine.Help.Column(
                  width - (nameWidth + 2), 2, CommandLine.Help.Column.Overflow.WRAP));
      table.setAdjustLineBreaksForWideCJKCharacters(usage.adjustLineBreaksForWideCJKCharacters());
      // loops, not lambdas: a lambda in a class implementing a picocli interface stays out of the
      // class-data-sharing archive and is spun at every start
      for (java.util.Map.Entry<String, String> summary : summaries.entrySet()) {
        CommandLine.Help.Ansi.Text[] lines = colors.text(summary.getValue()).splitLines();
        for (int i = 0; i < lines.length; i++) {
          table.addRowValues(
              i == 0 ? colors.commandText(summary.getKey()) : colors.text(""), lines[i]);
        }
      }
      return table.toString();
    }
  }

  /**
   * The handlers are classes, not method references: a lambda implementing one of picocli's
   * interfaces (class file version 49) keeps that interface out of the class-data-sharing archive
   * (JDK 17 cannot archive an old class it had to link while dumping), and loading those few
   * classes from the jar meant opening and indexing all 30 MB of it on every start.
   */
  private static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
      return handleParameterException(exception, args);
    }
  }

  private static final class ExecutionFailureHandler
      implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      return TerraAuthCli.handleExecutionException(exception, commandLine, parseResult);
    }
  }

  /**
   * A usage error: what was wrong, close matches for a mistyped name, and where help is, instead of
   * the whole usage text (which buries the one line that matters).
   */
  private static int handleParameterException(
      CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    String name = commandLine.getCommandSpec().qualifiedName();
    java.io.PrintWriter err = commandLine.getErr();
    String hint = "run '" + name + " --help' for the options";
    if (java.util.Arrays.asList(args).contains("--json")) {
      new ErrorReport("usage", exception.getMessage(), hint, USAGE)
          .print(name, true, commandLine.getOut(), err);
      return USAGE;
    }
    err.println(name + ": " + exception.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + name + " --help' for the options.");
    err.flush();
    return USAGE;
  }

  /**
   * One line naming the cause (messages of core exceptions are written to be shown and never hold a
   * secret), or a JSON error object with {@code --json}; configuration problems are usage errors,
   * everything else a problem.
   */
  private static int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    ErrorReport report = ErrorReport.of(exception);
    report.print(
        commandLine.getCommandSpec().qualifiedName(),
        wantsJson(parseResult),
        commandLine.getOut(),
        commandLine.getErr());
    return report.exitCode();
  }

  private static boolean wantsJson(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult part = parseResult; part != null; part = part.subcommand()) {
      if (part.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }
}
