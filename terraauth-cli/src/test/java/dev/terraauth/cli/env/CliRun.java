package dev.terraauth.cli.env;

import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/** One run of the CLI against a map of variables and a directory, with its output captured. */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(Map<String, String> variables, Path workingDirectory, String... arguments) {
    return run(variables, new Properties(), workingDirectory, arguments);
  }

  static CliRun run(
      Map<String, String> variables,
      Properties properties,
      Path workingDirectory,
      String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TerraAuthCli.create(new CliContext(variables, properties, workingDirectory));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(arguments);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  String all() {
    return out + err;
  }
}
