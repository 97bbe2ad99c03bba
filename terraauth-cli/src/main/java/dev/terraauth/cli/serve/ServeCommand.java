package dev.terraauth.cli.serve;

import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.ReloadingCredentials;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.auth.JwtSettings;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth serve}: the gateway, against Terra or (nothing configured) the emulator. */
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
          + ServeCommand.JWT_SECRET_VARIABLE
          + " (HS256 app tokens),",
      ServeCommand.ADMIN_TOKEN_VARIABLE
          + " (admin API), TERRA_<ENV>_* or .env.terra.<env> (Terra credentials).",
      "Webhook signing secrets rotate without a restart: edits of .env.terra.<env> or the secrets",
      "directory are picked up (--credentials-check-every, or POST /admin/credentials/reload); a",
      "removed secret stays accepted for --retired-secret-grace; a broken edit keeps the old ones.",
      ""
    })
public final class ServeCommand implements Callable<Integer> {
  static final String JWT_SECRET_VARIABLE = "TERRAAUTH_JWT_SECRET";
  static final String ADMIN_TOKEN_VARIABLE = "TERRAAUTH_ADMIN_TOKEN";
  static final String DATABASE_URL_VARIABLE = "TERRAAUTH_DATABASE_URL";

  /** "Never" for ReloadingCredentials' own file check: reloads then come from the admin API. */
  private static final Duration NO_CHECKS = Duration.ofDays(365L * 100);

  @ParentCommand TerraAuthCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8788",
      description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data-dir",
      defaultValue = ".terra-auth/data",
      description = "Directory of the SQLite database (default ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(
      names = "--database-url",
      description =
          "JDBC URL of a PostgreSQL database instead of SQLite (or "
              + DATABASE_URL_VARIABLE
              + "); put the password in the URL's environment variable, not here.")
  String databaseUrl;

  @Option(
      names = "--public-url",
      description = "URL browsers use to reach this gateway (default http://HOST:PORT).")
  URI publicUrl;

  @Option(
      names = "--app-return-url",
      description = "Where users land after the widget (default: the gateway's / page).")
  URI appReturnUrl;

  @Option(
      names = "--cors-origin",
      description = "An app origin allowed to call the API from browsers (repeatable).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--jwt-issuer", description = "Expected 'iss' of app user tokens.")
  String jwtIssuer;

  @Option(names = "--jwt-audience", description = "Expected 'aud' of app user tokens.")
  String jwtAudience;

  @Option(
      names = "--jwt-jwks-url",
      description =
          "JWKS URL for RS256/ES256 app tokens (else HS256, " + JWT_SECRET_VARIABLE + ").")
  URI jwksUrl;

  @Option(
      names = "--jwt-user-claim",
      defaultValue = "sub",
      description =
          "Claim holding the app's user id, Terra's reference_id (default ${DEFAULT-VALUE}).")
  String userClaim;

  @Option(
      names = "--mobile-token-limit",
      defaultValue = "5",
      description = "Mobile tokens per user per minute (default ${DEFAULT-VALUE}).")
  int mobileTokenLimit;

  @Option(
      names = "--reconcile-every",
      defaultValue = "PT15M",
      description = "Reconciliation with Terra, ISO-8601 (default ${DEFAULT-VALUE}; PT0S = off).")
  Duration reconcileEvery;

  @Option(
      names = "--credentials-check-every",
      defaultValue = "PT15S",
      description =
          "Not local: how often to look for changed credential files, ISO-8601 (default"
              + " ${DEFAULT-VALUE}; PT0S = only on POST /admin/credentials/reload).")
  Duration credentialsCheckEvery;

  @Option(
      names = "--retired-secret-grace",
      defaultValue = "PT1H",
      description =
          "Not local: how long a webhook signing secret removed from the configuration stays"
              + " accepted, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration retiredSecretGrace;

  @Option(
      names = "--retain-deliveries",
      defaultValue = "P30D",
      description =
          "How long stored webhook deliveries (bodies included) are kept, ISO-8601 (default"
              + " ${DEFAULT-VALUE}); dedupe keys live for their own window.")
  Duration retainDeliveries;

  @Option(
      names = "--write-batch-size",
      defaultValue = "256",
      description = "Most writes committed together in one transaction (default ${DEFAULT-VALUE}).")
  int writeBatchSize;

  @Option(
      names = "--write-batch-wait",
      defaultValue = "PT0S",
      description =
          "How long the writer waits for more writes before committing, ISO-8601, at most 1 s"
              + " (default ${DEFAULT-VALUE}: commit what is waiting at once).")
  Duration writeBatchWait;

  @Option(
      names = "--max-inflight-webhooks",
      defaultValue = "4096",
      description = "Most webhook bodies received at once; beyond, 503 (default ${DEFAULT-VALUE}).")
  int maxInFlightWebhooks;

  @Option(
      names = "--webhook-body-timeout",
      defaultValue = "PT10S",
      description =
          "How long a webhook body may take to arrive, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration webhookBodyTimeout;

  @Option(
      names = "--idle-timeout",
      defaultValue = "PT30S",
      description = "How long a silent connection stays open, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  /** The clock of the gateway (tests move it by hand). */
  Clock clock = Clock.systemUTC();

  @Option(
      names = "--emulator-port",
      defaultValue = "8789",
      description =
          "local only: the emulator's port (default ${DEFAULT-VALUE}; any free one if taken).")
  int emulatorPort;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description = "Logs on stderr as text or json (default ${DEFAULT-VALUE}).")
  String logFormat;

  @Override
  public Integer call() throws InterruptedException {
    LogFormat.apply(logFormat);
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
    return environment == Environment.LOCAL ? startLocal() : startRemote(environment);
  }

  private RunningGateway startLocal() {
    int gatewayPort = port == 0 ? GatewayLauncher.freePort() : port;
    URI gatewayUrl =
        publicUrl != null ? publicUrl : URI.create("http://" + displayHost() + ":" + gatewayPort);
    TerraEmulator emulator = GatewayLauncher.startEmulator(emulatorPort, gatewayPort);
    GatewayConfig config =
        common(GatewayConfig.builder(Environment.LOCAL, gatewayUrl))
            .devLogin(true)
            .appReturnUrl(appReturnUrl != null ? appReturnUrl : gatewayUrl.resolve("/"))
            .build();
    RunningGateway running;
    try {
      running =
          GatewayLauncher.launch(
              config,
              GatewayLauncher.localCredentials(emulator),
              List.of(GatewayLauncher.LOCAL_SECRET),
              openDatabase(),
              host,
              gatewayPort,
              emulator);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
    printLocal(gatewayUrl, emulator);
    return running;
  }

  private void printLocal(URI gatewayUrl, TerraEmulator emulator) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("terra-auth gateway is running in the local environment (nothing configured).");
    out.println();
    out.println("  Open " + gatewayUrl.resolve("/") + " in a browser:");
    out.println("  sign in with any name, press \"Connect a wearable\", approve in the emulated");
    out.println("  provider page, and the connection appears in the list.");
    out.println();
    out.println("  Terra emulator  " + emulator.baseUrl() + " (signs webhooks to /webhooks/terra)");
    out.println("  Data            " + dataDescription());
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

  private RunningGateway startRemote(Environment environment) {
    List<String> problems = new ArrayList<>();
    try {
      root.credentials(environment); // checked first so every problem is listed at once
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    try {
      root.signingSecrets(environment);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    JwtSettings jwt = jwtSettings(problems);
    if (credentialsCheckEvery.isNegative()) {
      problems.add("--credentials-check-every must not be negative");
    }
    if (retiredSecretGrace.isNegative()) {
      problems.add("--retired-secret-grace must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(
          "cannot serve "
              + environment
              + ", fix these first:\n  - "
              + String.join("\n  - ", problems));
    }
    ReloadingCredentials reloading =
        ReloadingCredentials.builder(root.credentialsLoader(), environment)
            .gracePeriod(retiredSecretGrace)
            .checkInterval(credentialsCheckEvery.isZero() ? NO_CHECKS : credentialsCheckEvery)
            .clock(clock)
            .build();
    List<SigningSecret> otherEnvironments = new ArrayList<>();
    for (Environment other :
        List.of(Environment.TESTING, Environment.STAGING, Environment.PRODUCTION)) {
      if (other != environment) {
        try {
          otherEnvironments.addAll(root.signingSecrets(other)); // to recognise misrouted deliveries
        } catch (ConfigException e) {
          // that environment is not configured here: nothing to recognise
        }
      }
    }
    int gatewayPort = port == 0 ? GatewayLauncher.freePort() : port;
    URI gatewayUrl =
        publicUrl != null ? publicUrl : URI.create("http://" + displayHost() + ":" + gatewayPort);
    GatewayConfig config =
        common(GatewayConfig.builder(environment, gatewayUrl))
            .jwt(jwt)
            .appReturnUrl(appReturnUrl)
            .build();
    RunningGateway running =
        GatewayLauncher.launchRotating(
            config,
            reloading,
            otherEnvironments,
            credentialsCheckEvery,
            clock,
            openDatabase(),
            host,
            gatewayPort);
    PrintWriter out = spec.commandLine().getOut();
    out.println("terra-auth gateway is running for the " + environment + " environment.");
    out.println("  Listening       http://" + host + ":" + gatewayPort);
    out.println(
        "  Webhook URL     "
            + gatewayUrl.resolve("/webhooks/terra")
            + " (set it in Terra's dashboard)");
    out.println("  Data            " + dataDescription());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    return running;
  }

  /** The intake options; their rules live in {@link IntakeSettings}. */
  private IntakeSettings intakeSettings() {
    IntakeSettings defaults = IntakeSettings.defaults();
    try {
      return defaults
          .withBatch(writeBatchSize, writeBatchWait)
          .withInFlight(maxInFlightWebhooks, defaults.maxInFlightBodyBytes())
          .withTimeouts(webhookBodyTimeout, idleTimeout)
          .withRetention(retainDeliveries, defaults.retentionEvery(), defaults.retentionBatch());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private GatewayConfig.Builder common(GatewayConfig.Builder builder) {
    String admin = variables().get(ADMIN_TOKEN_VARIABLE);
    return builder
        .corsOrigins(corsOrigins)
        .mobileTokensPerMinute(mobileTokenLimit)
        .adminToken(admin == null || admin.isBlank() ? null : Secret.of(admin))
        .reconcileInterval(reconcileEvery)
        .intake(intakeSettings());
  }

  private JwtSettings jwtSettings(List<String> problems) {
    String secret = variables().get(JWT_SECRET_VARIABLE);
    if (jwtIssuer == null) {
      problems.add("app user tokens: --jwt-issuer is required");
    }
    if (jwtAudience == null) {
      problems.add("app user tokens: --jwt-audience is required");
    }
    if (jwksUrl == null && (secret == null || secret.isBlank())) {
      problems.add(
          "app user tokens: set "
              + JWT_SECRET_VARIABLE
              + " (HS256, at least 32 bytes) or --jwt-jwks-url (RS256/ES256)");
    }
    if (!problems.isEmpty() && (jwtIssuer == null || jwtAudience == null)) {
      return null;
    }
    try {
      return new JwtSettings(
              jwksUrl == null && secret != null && !secret.isBlank() ? Secret.of(secret) : null,
              jwksUrl,
              jwtIssuer,
              jwtAudience,
              userClaim,
              null)
          .withUserIdClaim(userClaim);
    } catch (IllegalArgumentException e) {
      problems.add("app user tokens: " + e.getMessage());
      return null;
    }
  }

  private Database openDatabase() {
    String url = databaseUrl != null ? databaseUrl : variables().get(DATABASE_URL_VARIABLE);
    return url != null && !url.isBlank() ? Database.open(url) : Database.sqlite(sqliteFile());
  }

  private Path sqliteFile() {
    return root.context().workingDirectory().resolve(dataDirectory).resolve("gateway.db");
  }

  private String dataDescription() {
    String url = databaseUrl != null ? databaseUrl : variables().get(DATABASE_URL_VARIABLE);
    return url != null && !url.isBlank()
        ? "PostgreSQL (" + url.replaceAll("[?].*", "") + ")"
        : "SQLite " + sqliteFile();
  }

  private Map<String, String> variables() {
    return root.context().environmentVariables();
  }

  private String displayHost() {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }
}
