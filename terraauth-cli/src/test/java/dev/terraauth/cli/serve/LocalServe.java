package dev.terraauth.cli.serve;

import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.emulator.TerraEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * A real {@code terra-auth serve} (local: gateway, SQLite and the in-process emulator) on free
 * ports, over one data directory, restartable; for the browser tests.
 */
final class LocalServe implements AutoCloseable {
  static final String ADMIN_TOKEN = "fake-admin-token-0000";

  private final Path workingDirectory;
  private RunningGateway running;
  private String banner = "";

  LocalServe(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
    start();
  }

  /** Starts serve (again) over the same data directory. */
  void start() {
    StringWriter out = new StringWriter();
    CommandLine cli =
        TerraAuthCli.create(
            new CliContext(
                Map.of("TERRAAUTH_ADMIN_TOKEN", ADMIN_TOKEN), new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out));
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "serve",
            "--port",
            "0",
            "--emulator-port",
            "0",
            "--data-dir",
            "data",
            "--reconcile-every",
            "PT0S");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    running = serve.start();
    banner = out.toString();
  }

  /** Stops serve the way Ctrl-C does (the data directory stays). */
  void stop() {
    running.close();
  }

  void restart() {
    stop();
    start();
  }

  String base() {
    return running.url().toString();
  }

  TerraEmulator emulator() {
    return running.emulator();
  }

  String banner() {
    return banner;
  }

  Path dataDirectory() {
    return workingDirectory.resolve("data");
  }

  @Override
  public void close() {
    stop();
  }
}
