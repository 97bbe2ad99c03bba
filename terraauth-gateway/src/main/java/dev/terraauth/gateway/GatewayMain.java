package dev.terraauth.gateway;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.TerraStreamingClient;
import dev.terraauth.core.config.ConfigurationSnapshot;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.ReloadingCredentials;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.error.TerraAuthException;
import dev.terraauth.gateway.service.SigningSecretRotation;
import dev.terraauth.gateway.store.Database;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar terraauth-gateway.jar --env testing|staging|production ...}: the deployed
 * gateway on its own, with the flags and variables of {@code terra-auth serve --env ...} (which
 * delegates to {@link #startDeployed}). No emulator, no scanner.
 */
@Command(
    name = "terraauth-gateway",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "The terra-auth gateway for a deployed Terra environment: widget sessions, mobile tokens,",
      "webhooks and who is connected. It needs the environment's complete credentials and webhook",
      "signing secret and the app-token settings, and refuses to start without them (exit 2).",
      "",
      "Secrets come from the environment, never from options: "
          + GatewaySettings.JWT_SECRET_VARIABLE
          + " (HS256 app tokens),",
      GatewaySettings.ADMIN_TOKEN_VARIABLE
          + " (admin API), TERRA_<ENV>_* or .env.terra.<env> (Terra credentials), "
          + GatewaySettings.DATABASE_URL_VARIABLE
          + ".",
      "Webhook signing secrets rotate without a restart (--credentials-check-every, or POST",
      "/admin/credentials/reload); a removed secret stays accepted for --retired-secret-grace.",
      ""
    })
public final class GatewayMain implements Callable<Integer> {
  /** "Never" for ReloadingCredentials' own file check: reloads then come from the admin API. */
  private static final Duration NO_CHECKS = Duration.ofDays(365L * 100);

  private static final List<Environment> DEPLOYED =
      List.of(Environment.TESTING, Environment.STAGING, Environment.PRODUCTION);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "Terra environment: testing, staging or production.")
  String environmentName;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      description =
          "Directory of the .env.terra.<env> files (default: $"
              + GatewaySettings.CONFIG_DIR_VARIABLE
              + ", else the working directory).")
  Path configDirectory;

  @Option(
      names = "--secrets-dir",
      paramLabel = "DIR",
      description =
          "Directory with one file per value, e.g. terra_testing_api_key (default: $"
              + GatewaySettings.SECRETS_DIR_VARIABLE
              + ", else ./secrets when it exists).")
  Path secretsDirectory;

  @Mixin GatewayOptions options;

  /** Secrets are never accepted as arguments: they would land in shell history and ps output. */
  @Option(
      names = {"--api-key", "--webhook-secret", "--signing-secret"},
      hidden = true,
      arity = "0..1",
      paramLabel = "SECRET")
  void refuseSecretArgument(String ignored) {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "secrets are never accepted as command-line arguments (they end up in shell history and"
            + " the process list). Put them in the environment variables TERRA_<ENV>_API_KEY /"
            + " TERRA_<ENV>_WEBHOOK_SECRET, in .env.terra.<env> (--config-dir) or in a secrets"
            + " directory (--secrets-dir), then rotate the secret you just typed if it was real.");
  }

  public static void main(String[] args) {
    CommonPool.atLeastTwo();
    System.exit(commandLine().execute(args));
  }

  /** The command line with its exit codes: 0 stopped, 1 failed, 2 usage or configuration. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new GatewayMain());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parsed) -> {
          line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + message(exception));
          line.getErr().flush();
          return exception instanceof ConfigException ? 2 : 1;
        });
    return commandLine;
  }

  /** Core's messages are written to be shown and never hold a secret; others may, so not shown. */
  private static String message(Exception exception) {
    return exception instanceof TerraAuthException
        ? exception.getMessage()
        : "unexpected " + exception.getClass().getSimpleName() + " (see the log)";
  }

  @Override
  public Integer call() throws InterruptedException {
    GatewayLogging.apply(options.logFormat());
    Environment environment = Environment.parse(environmentName);
    if (!DEPLOYED.contains(environment)) {
      throw new ConfigException(
          "--env local runs with its in-process emulator: use 'terra-auth serve' for it");
    }
    Path workingDirectory = Path.of("").toAbsolutePath();
    Map<String, String> variables = System.getenv();
    CredentialsLoader loader =
        GatewaySettings.credentialsLoader(
            configDirectory, secretsDirectory, variables, System.getProperties(), workingDirectory);
    PrintWriter out = spec.commandLine().getOut();
    GatewayServer server =
        startDeployed(
            options, environment, loader, variables, workingDirectory, Clock.systemUTC(), out);
    awaitShutdown(server, out);
    return 0;
  }

  /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then stops the gateway. */
  static void awaitShutdown(AutoCloseable server, PrintWriter out) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    // stopping anyway
                  }
                  out.println("terra-auth gateway: stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "terraauth-gateway-shutdown"));
    stopped.await();
  }

  /**
   * Starts the gateway of a deployed environment, whose webhook signing secrets follow the
   * credential files (see {@link SigningSecretRotation}), and prints where it runs.
   *
   * @throws ConfigException naming every problem of the configuration at once
   */
  public static GatewayServer startDeployed(
      GatewayOptions options,
      Environment environment,
      CredentialsLoader loader,
      Map<String, String> variables,
      Path workingDirectory,
      Clock clock,
      PrintWriter out) {
    // One read of every environment (with the git-ignore guard, which runs only here, never on a
    // reload) answers all of start-up's questions.
    ConfigurationSnapshot configuration = loader.checkedSnapshot();
    List<String> problems = new ArrayList<>();
    try {
      configuration.load(environment); // checked first so every problem is listed at once
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    try {
      configuration.signingSecrets(environment);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    GatewaySettings settings =
        GatewaySettings.resolve(options, environment, variables, workingDirectory, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(
          "cannot serve "
              + environment
              + ", fix these first:\n  - "
              + String.join("\n  - ", problems));
    }
    ReloadingCredentials credentials =
        ReloadingCredentials.builder(loader, environment)
            .gracePeriod(settings.retiredSecretGrace())
            .checkInterval(
                settings.credentialsCheckEvery().isZero()
                    ? NO_CHECKS
                    : settings.credentialsCheckEvery())
            .clock(clock)
            .build();
    List<SigningSecret> otherEnvironments = otherEnvironmentsSecrets(configuration, environment);
    GatewayConfig config = settings.config(false);
    Database database = settings.openDatabase();
    GatewayServer server =
        GatewayServer.start(
            config,
            () -> {
              TerraAuthClient client =
                  TerraAuthClient.builder().credentials(credentials.current()).clock(clock).build();
              SigningSecretRotation rotation =
                  new SigningSecretRotation(
                      environment,
                      credentials,
                      otherEnvironments,
                      settings.credentialsCheckEvery(),
                      clock);
              return CoreWiring.parts(
                  database,
                  client,
                  TerraStreamingClient.builder().credentials(credentials.current()).build(),
                  rotation,
                  clock);
            },
            database,
            settings.host(),
            settings.port());
    out.println("terra-auth gateway is running for the " + environment + " environment.");
    out.println("  Listening       http://" + settings.host() + ":" + settings.port());
    URI gatewayUrl = settings.publicUrl();
    out.println(
        "  Webhook URL     "
            + gatewayUrl.resolve("/webhooks/terra")
            + " (set it in Terra's dashboard)");
    out.println("  Data            " + settings.dataDescription());
    if (settings.relay().configured() != null) {
      out.println(
          "  Relay           "
              + settings.relay().configured().url()
              + " (Standard Webhooks; more: /admin/relay/endpoints)");
    }
    if (settings.relay().eventsToken() != null) {
      out.println(
          "  Pull feed       " + gatewayUrl.resolve("/events") + " (TERRAAUTH_EVENTS_TOKEN)");
    }
    if (isLoopback(gatewayUrl)) {
      int port = settings.port();
      out.println();
      out.println(
          "  Terra cannot reach " + gatewayUrl.getHost() + ": that address is this machine.");
      out.println("  Expose the gateway first, e.g. with a tunnel (cloudflared tunnel --url");
      out.println(
          "  http://127.0.0.1:" + port + ", or ngrok http " + port + "), then restart with");
      out.println(
          "  --public-url https://<the tunnel's host> and register <that URL>/webhooks/terra.");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    return server;
  }

  /** Other environments' signing secrets, to recognise and report misrouted deliveries. */
  private static List<SigningSecret> otherEnvironmentsSecrets(
      ConfigurationSnapshot configuration, Environment environment) {
    List<SigningSecret> secrets = new ArrayList<>();
    for (Environment other : DEPLOYED) {
      if (other != environment) {
        try {
          secrets.addAll(configuration.signingSecrets(other));
        } catch (ConfigException e) {
          // that environment is not configured here: nothing to recognise
        }
      }
    }
    return secrets;
  }

  /** True for 127.0.0.0/8, ::1, localhost and 0.0.0.0: addresses Terra's servers cannot reach. */
  static boolean isLoopback(URI url) {
    String host = url.getHost();
    if (host == null) {
      return true;
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return bare.equalsIgnoreCase("localhost")
        || bare.endsWith(".localhost")
        || bare.startsWith("127.")
        || bare.equals("::1")
        || bare.equals("0.0.0.0");
  }
}
