package dev.terraauth.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The one CLI runner of the tests: one in-process run of a picocli command, output captured. */
public record CliRun(int exitCode, String out, String err) {
  /** Runs {@code cli} with {@code arguments}, capturing what it writes to its out and err. */
  public static CliRun of(CommandLine cli, String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(arguments);
    cli.getOut().flush();
    cli.getErr().flush();
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** Standard output then standard error, for assertions about either. */
  public String all() {
    return out + err;
  }
}
