package dev.terraauth.cli.emulator;

import dev.terraauth.cli.CliFailure;
import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.Table;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.EmulatorConfig;
import dev.terraauth.emulator.Profile;
import dev.terraauth.emulator.TerraEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Runs the local Terra emulator until the process is stopped. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local Terra emulator for the auth API.",
      "REST endpoints, hosted widget and consent pages, signed webhooks and an admin API",
      "under /_emulator. It always has the built-in 'local'",
      "account (dev-id " + EmulatorAccount.LOCAL_DEV_ID + "); --config adds more."
    })
public final class EmulatorCommand implements Callable<Integer> {
  @ParentCommand TerraAuthCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      converter = dev.terraauth.gateway.PortConverter.class,
      description = "Port to listen on (default 8789, or the config file's; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML or JSON file with accounts, quirks, faults and the retry schedule.")
  Path config;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "current (access.tryterra.co, the default) or legacy (api.tryterra.co).")
  String profile;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Interface to bind (default 127.0.0.1; the admin API has no authentication).")
  String host;

  @Option(
      names = "--show-secrets",
      description = "Also print each account's API key and signing secrets (for local use only).")
  boolean showSecrets;

  @Option(
      names = "--json",
      description =
          "Print what is running as one line of JSON (URLs and accounts) instead of text; errors"
              + " as {\"error\": {code, message, hint}}.")
  boolean json;

  private final Consumer<TerraEmulator> whileRunning;

  /** The command as registered in the CLI: it runs until the process is stopped. */
  public EmulatorCommand() {
    this(EmulatorCommand::awaitShutdown);
  }

  /** For tests: {@code whileRunning} replaces waiting for Ctrl+C. */
  EmulatorCommand(Consumer<TerraEmulator> whileRunning) {
    this.whileRunning = whileRunning;
  }

  @Override
  public Integer call() {
    TerraEmulator.Builder builder = TerraEmulator.builder();
    try {
      if (config != null) {
        builder.config(EmulatorConfig.load(resolve(config)));
      }
    } catch (NoSuchFileException e) {
      return fail("config", "config file not found: " + config, TerraAuthCli.USAGE);
    } catch (IOException | IllegalArgumentException e) {
      return fail("config", e.getMessage(), TerraAuthCli.USAGE);
    }
    try {
      if (port != null) {
        builder.port(port);
      }
      if (profile != null) {
        builder.profile(Profile.parse(profile));
      }
      if (host != null) {
        builder.host(host);
      }
    } catch (IllegalArgumentException e) {
      return fail("usage", e.getMessage(), TerraAuthCli.USAGE);
    }
    TerraEmulator emulator;
    try {
      emulator = builder.start();
    } catch (RuntimeException e) {
      return fail(
          "bind_failed",
          dev.terraauth.gateway.StartFailures.bind(
              host == null ? "127.0.0.1" : host, port == null ? 8789 : port, e),
          TerraAuthCli.PROBLEM);
    }
    try (emulator) {
      if (json) {
        spec.commandLine().getOut().println(JsonText.writeLine(describeAsJson(emulator)));
        spec.commandLine().getOut().flush();
      } else {
        describe(emulator, spec.commandLine().getOut());
      }
      whileRunning.accept(emulator);
    }
    return TerraAuthCli.OK;
  }

  /**
   * A failure before the emulator runs: the line it always printed, or with {@code --json} the JSON
   * error object (printed by the CLI's handler; "what; fix" split into message and hint).
   */
  private int fail(String code, String text, int exitCode) {
    if (text == null || text.isBlank()) {
      text = "the emulator could not start (" + code + ")"; // an exception without a message
    }
    if (json) {
      int separator = text.indexOf("; ");
      throw separator < 0
          ? new CliFailure(code, text, null, exitCode)
          : new CliFailure(
              code, text.substring(0, separator), text.substring(separator + 2), exitCode);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("terra-auth emulator: " + text);
    err.flush();
    return exitCode;
  }

  private Path resolve(Path file) {
    return root == null ? file : root.context().workingDirectory().resolve(file);
  }

  private void describe(TerraEmulator emulator, PrintWriter out) {
    out.println(
        "Terra emulator ("
            + emulator.profile().id()
            + " profile) listening on "
            + emulator.baseUrl());
    out.println("  REST API (current)  " + emulator.apiBaseUrl());
    out.println("  REST API (legacy)   " + emulator.legacyApiBaseUrl());
    out.println(
        "  widget session      " + emulator.widgetSessionUrl() + " (and /widget/api/session)");
    out.println("  streaming socket    " + emulator.streamingSocketUrl());
    out.println("  admin API           " + emulator.baseUrl() + "/_emulator");
    out.println();
    Table table =
        showSecrets
            ? Table.withHeaders(
                "DEV-ID", "ENVIRONMENT", "USER CAP", "WEBHOOK", "API KEY", "SIGNING SECRETS")
            : Table.withHeaders("DEV-ID", "ENVIRONMENT", "USER CAP", "WEBHOOK", "PROVIDERS");
    for (EmulatorAccount account : emulator.accounts()) {
      String cap = account.userCap() == Integer.MAX_VALUE ? "unlimited" : "" + account.userCap();
      if (showSecrets) {
        table.row(
            account.devId(),
            account.environment().id(),
            cap,
            account.webhookUrl(),
            account.apiKey(),
            String.join(",", account.signingSecrets()));
      } else {
        table.row(
            account.devId(),
            account.environment().id(),
            cap,
            account.webhookUrl(),
            String.join(",", account.providers()));
      }
    }
    table.print(out);
    out.println();
    if (showSecrets) {
      out.println(
          "Secrets are shown because of --show-secrets: for local use only; never paste real"
              + " keys into an emulator config.");
    } else {
      out.println("API keys and signing secrets are hidden (--show-secrets prints them).");
    }
    if (listensBeyondThisMachine()) {
      out.println("Warning: " + BEYOND_THIS_MACHINE + ".");
    }
    out.println("Press Ctrl+C to stop.");
    out.flush();
  }

  private static final String BEYOND_THIS_MACHINE =
      "listening beyond this machine; the admin API under /_emulator has no authentication";

  private boolean listensBeyondThisMachine() {
    return host != null && !java.util.Set.of("127.0.0.1", "localhost", "::1").contains(host);
  }

  /**
   * The text output's content as one JSON object; API keys and signing secrets only with {@code
   * --show-secrets}, as in the table.
   */
  private Map<String, Object> describeAsJson(TerraEmulator emulator) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("profile", emulator.profile().id());
    object.put("base_url", emulator.baseUrl());
    object.put("api_base_url", emulator.apiBaseUrl());
    object.put("legacy_api_base_url", emulator.legacyApiBaseUrl());
    object.put("widget_session_url", emulator.widgetSessionUrl());
    object.put("streaming_socket_url", emulator.streamingSocketUrl());
    object.put("admin_url", emulator.baseUrl() + "/_emulator");
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (EmulatorAccount account : emulator.accounts()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dev_id", account.devId());
      row.put("environment", account.environment().id());
      // null: no cap, as the table's "unlimited"
      row.put("user_cap", account.userCap() == Integer.MAX_VALUE ? null : account.userCap());
      row.put("webhook_url", account.webhookUrl() == null ? null : account.webhookUrl().toString());
      row.put("providers", account.providers());
      if (showSecrets) {
        row.put("api_key", account.apiKey());
        row.put("signing_secrets", account.signingSecrets());
      }
      accounts.add(row);
    }
    object.put("accounts", accounts);
    object.put("secrets_shown", showSecrets);
    object.put("warnings", listensBeyondThisMachine() ? List.of(BEYOND_THIS_MACHINE) : List.of());
    return object;
  }

  private static void awaitShutdown(TerraEmulator emulator) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "terra-emulator-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
