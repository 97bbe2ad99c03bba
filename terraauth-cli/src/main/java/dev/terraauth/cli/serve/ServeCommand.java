package dev.terraauth.cli.serve;

import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.GatewayLogging;
import dev.terraauth.gateway.GatewayMain;
import dev.terraauth.gateway.GatewayOptions;
import dev.terraauth.gateway.GatewayServer;
import dev.terraauth.gateway.GatewaySettings;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code terra-auth serve}: the gateway, against Terra or (nothing configured) the emulator. A
 * deployed environment is started by {@link GatewayMain#startDeployed}, exactly as {@code
 * terraauth-gateway.jar} does; only {@code local} (the in-process emulator) lives here.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the gateway: widget sessions, mobile tokens, webhooks and who is connected.",
      "Without --env (or with --env local) it runs the local environment: the",
      "Terra emulator in this process, SQLite under --data-dir and a start page at /.",
      "With --env testing|staging|production it needs that environment's complete credentials",
      "and webhook signing secret, and app-token settings; it refuses to start without them.",
      "",
      "Secrets come from the environment, never from options: "
          + GatewaySettings.JWT_SECRET_VARIABLE
          + " (HS256 app tokens),",
      GatewaySettings.ADMIN_TOKEN_VARIABLE
          + " (admin API), TERRA_<ENV>_* or .env.terra.<env> (Terra credentials).",
      "Webhook signing secrets rotate without a restart: edits of .env.terra.<env> or the secrets",
      "directory are picked up (--credentials-check-every, or POST /admin/credentials/reload); a",
      "removed secret stays accepted for --retired-secret-grace; a broken edit keeps the old ones.",
      "A deployed gateway also runs on its own, with these options (without --emulator-port):",
      "java -jar terraauth-gateway/target/terraauth-gateway.jar --env production ...",
      ""
    })
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand TerraAuthCommand root;
  @Spec CommandSpec spec;

  @Mixin GatewayOptions options;

  /** The clock of the gateway (tests move it by hand). */
  Clock clock = Clock.systemUTC();

  @Option(
      names = "--emulator-port",
      defaultValue = "8789",
      converter = dev.terraauth.gateway.PortConverter.class,
      description =
          "local only: the emulator's port (default ${DEFAULT-VALUE}; any free one if taken).")
  int emulatorPort;

  @Override
  public Integer call() throws InterruptedException {
    GatewayLogging.apply(options.logFormat());
    RunningGateway running = start();
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  out.println("terra-auth serve: stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "terraauth-serve-shutdown"));
    stopped.await();
    return TerraAuthCli.OK;
  }

  /** Starts everything and prints where it runs; the caller closes it. */
  public RunningGateway start() {
    Environment environment =
        root.environmentName() == null ? Environment.LOCAL : root.environment();
    if (environment != Environment.LOCAL) {
      GatewayServer server =
          GatewayMain.startDeployed(
              options,
              environment,
              root.credentialsLoader(),
              root.context().environmentVariables(),
              root.context().workingDirectory(),
              clock,
              spec.commandLine().getOut());
      return new RunningGateway(server, null);
    }
    return startLocal();
  }

  private RunningGateway startLocal() {
    List<String> problems = new ArrayList<>();
    GatewaySettings settings =
        GatewaySettings.resolve(
            options,
            Environment.LOCAL,
            root.context().environmentVariables(),
            root.context().workingDirectory(),
            problems);
    if (!problems.isEmpty()) {
      throw new ConfigException("cannot serve local:\n  - " + String.join("\n  - ", problems));
    }
    TerraEmulator emulator =
        GatewayLauncher.startEmulator(
            emulatorPort, settings.port(), GatewayLauncher.usersFile(settings));
    Secret adminToken =
        settings.adminToken() != null
            ? settings.adminToken()
            : GatewayLauncher.generatedAdminToken();
    RunningGateway running;
    try {
      running = GatewayLauncher.launchLocal(settings, emulator, adminToken);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
    printLocal(settings, emulator, settings.adminToken() == null ? adminToken : null);
    return running;
  }

  /**
   * @param generatedAdminToken the admin token made up for this run (printed: it is local, and the
   *     only way to learn it), or null when TERRAAUTH_ADMIN_TOKEN set one
   */
  private void printLocal(
      GatewaySettings settings, TerraEmulator emulator, Secret generatedAdminToken) {
    PrintWriter out = spec.commandLine().getOut();
    URI gatewayUrl = settings.publicUrl();
    String host = settings.host();
    out.println("terra-auth gateway is running in the local environment (nothing configured).");
    out.println();
    out.println("  Open " + gatewayUrl.resolve("/") + " in a browser:");
    out.println("  sign in with any name, press \"Connect a wearable\", approve in the emulated");
    out.println("  provider page, and the connection appears in the list.");
    out.println();
    out.println("  Terra emulator  " + emulator.baseUrl() + " (signs webhooks to /webhooks/terra)");
    out.println("  Data            " + settings.dataDescription());
    out.println(
        "  Emulator users  "
            + GatewayLauncher.usersFile(settings)
            + " (kept across restarts, like the connections)");
    out.println("  Dashboard       " + gatewayUrl.resolve("/admin"));
    if (generatedAdminToken != null) {
      out.println(
          "  Admin token     "
              + generatedAdminToken.reveal()
              + " (made up for this run; set "
              + GatewaySettings.ADMIN_TOKEN_VARIABLE
              + " to choose one)");
    } else {
      out.println("  Admin token     from " + GatewaySettings.ADMIN_TOKEN_VARIABLE);
    }
    out.println();
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
      out.println(
          "WARNING: --host "
              + host
              + " exposes the development login (anyone can sign in as anyone) beyond this"
              + " machine.");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
