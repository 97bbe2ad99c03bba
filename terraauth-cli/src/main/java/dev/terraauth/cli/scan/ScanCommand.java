package dev.terraauth.cli.scan;

import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.error.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth scan}: finds leaked Terra credentials. */
@Command(
    name = "scan",
    subcommands = InstallHookCommand.class,
    description = {
      "Find Terra API keys and webhook signing secrets (paired with their dev-ids) leaked into"
          + " files, staged changes or git history. Values are never printed: at most their first"
          + " 4 characters.",
      ""
    },
    footer = {
      "",
      "Silence a known finding with a 'terra-auth:allow' comment on its line, or record it in "
          + Baseline.FILE_NAME
          + " (--write-baseline; fingerprints only, never values). Paths listed in "
          + ScanOptions.IGNORE_FILE
          + " (gitignore syntax) are not scanned.",
      "",
      "Exit codes: 0 no findings, 1 findings, 2 error."
    })
public final class ScanCommand implements Callable<Integer> {
  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files or directories to scan (default: .); '-' reads standard input.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--staged", description = "Scan what is about to be committed (git index).")
  boolean staged;

  @Option(names = "--history", description = "Scan every blob reachable in git history.")
  boolean history;

  @Option(names = "--json", description = "Write findings as JSON.")
  boolean json;

  @Option(names = "--sarif", description = "Write findings as SARIF 2.1.0.")
  boolean sarif;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Baseline file (default: ./" + Baseline.FILE_NAME + " when present).")
  Path baselineFile;

  @Option(
      names = "--write-baseline",
      description = "Record the current findings in the baseline and exit 0.")
  boolean writeBaseline;

  @Option(
      names = "--max-file-size",
      paramLabel = "BYTES",
      description = "Skip larger files (default: ${DEFAULT-VALUE}).")
  long maxFileBytes = Scanner.DEFAULT_MAX_FILE_BYTES;

  @Option(names = "--no-progress", description = "Never show the progress line.")
  boolean noProgress;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      ScanOptions options = ScanOptions.resolve(this, root.context().workingDirectory());
      KnownCredentials known = knownCredentials();
      Scanner scanner = new Scanner(known, maxFileBytes);
      LongAdder scanned = new LongAdder();
      List<Finding> all;
      ScanRun run = new ScanRun(options, scanner, root.context().standardInput());
      Progress progress = Progress.start(progressWanted(), err, scanned, run.total());
      try {
        all = run.run(scanned);
      } finally {
        progress.close();
      }
      return report(options, all, scanned.sum());
    } catch (ScanException | IOException | IllegalArgumentException failure) {
      err.println("terra-auth scan: " + failure.getMessage());
      err.flush();
      return TerraAuthCli.USAGE;
    }
  }

  private int report(ScanOptions options, List<Finding> all, long filesScanned) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (writeBaseline) {
      Baseline.write(options.baselineFile(), all);
      out.println(
          "terra-auth scan: wrote " + all.size() + " fingerprint(s) to " + options.baselineFile());
      out.flush();
      return TerraAuthCli.OK;
    }
    List<Finding> findings = all.stream().filter(f -> !options.baseline().silences(f)).toList();
    int silenced = all.size() - findings.size();
    if (sarif) {
      SarifReport.write(out, findings, toolVersion());
    } else if (json) {
      JsonReport.write(out, findings, filesScanned, silenced);
    } else {
      TextReport.write(out, findings, filesScanned, silenced);
    }
    return findings.isEmpty() ? TerraAuthCli.OK : TerraAuthCli.PROBLEM;
  }

  /** Configured credentials to recognise; a broken configuration only means none are known. */
  private KnownCredentials knownCredentials() {
    try {
      return KnownCredentials.load(root.credentialsLoader());
    } catch (ConfigException unusable) {
      spec.commandLine()
          .getErr()
          .println(
              "terra-auth scan: not matching findings against configured credentials: "
                  + unusable.getMessage());
      return KnownCredentials.none();
    }
  }

  private boolean progressWanted() {
    return !noProgress && !json && !sarif && System.console() != null;
  }

  private static String toolVersion() {
    String version = TerraAuthCli.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
