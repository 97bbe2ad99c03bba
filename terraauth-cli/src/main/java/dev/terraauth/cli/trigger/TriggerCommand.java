package dev.terraauth.cli.trigger;

import dev.terraauth.cli.CliFailure;
import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth trigger EVENT --to URL}: a realistic signed delivery to your own endpoint. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description = {
      "Send a realistic webhook event to your endpoint, signed with the environment's webhook"
          + " signing secret exactly as Terra signs it (X-Terra-Signature t=..,v1=.., plus"
          + " X-Terra-Trace-Id, terra-reference and X-Terra-Ordering-Timestamp).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  terra-auth trigger --list",
      "  terra-auth trigger auth --to http://127.0.0.1:8788/webhooks/terra",
      "  terra-auth trigger deauth --to URL --user-id 7c1d2e3f-... --env testing",
      "  terra-auth trigger activity --to URL --repeat 3 --same-delivery   (a retried delivery)",
      "  terra-auth trigger auth --to URL --stale          (must be refused: signed 10 min ago)",
      "",
      "Output: one line per request: status, latency and trace id. With --json an array of",
      "{event, status, latency_ms, trace_id} (status null when the request failed, with error).",
      "Exit codes: 0 every request answered 2xx (with --stale or --wrong-secret: every one was",
      "refused with 4xx, as a correct receiver must), 1 otherwise, 2 usage error."
    })
public final class TriggerCommand implements Callable<Integer> {
  private static final Duration STALE_BY = Duration.ofMinutes(10);

  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EVENT",
      description = "The event to send (see --list).")
  String event;

  @Option(names = "--list", description = "List the events and exit.")
  boolean list;

  @Option(
      names = "--to",
      paramLabel = "URL",
      description = "Your webhook endpoint (http or https).")
  URI to;

  @Option(
      names = "--user-id",
      paramLabel = "ID",
      description = "Terra user id in the event (default: a new random UUID).")
  String userId;

  @Option(
      names = "--reference-id",
      paramLabel = "ID",
      defaultValue = "terra-auth-trigger",
      description = "Your user's reference id in the event (default ${DEFAULT-VALUE}).")
  String referenceId;

  @Option(
      names = "--provider",
      paramLabel = "PROVIDER",
      defaultValue = "GARMIN",
      description = "Provider in the event (default ${DEFAULT-VALUE}).")
  String provider;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Send this file's bytes as the body instead of the sample (EVENT not needed).")
  Path data;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description = "Send it N times, 1-1000 (default ${DEFAULT-VALUE}); each a new delivery.")
  int repeat;

  @Option(
      names = "--same-delivery",
      description =
          "With --repeat: resend one delivery (same body, signature, trace id) like Terra's"
              + " retries, to test deduplication.")
  boolean sameDelivery;

  @Option(
      names = "--stale",
      description = "Sign with a timestamp 10 minutes old (beyond the 5 minute tolerance).")
  boolean stale;

  @Option(
      names = "--wrong-secret",
      description = "Sign with a random secret instead of the environment's.")
  boolean wrongSecret;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT10S",
      converter = DurationConverter.class,
      description = "Per-request timeout, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Print a JSON array of the results.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    SampleEvents samples = SampleEvents.load();
    if (list) {
      printList(samples);
      return TerraAuthCli.OK;
    }
    Delivery.Plan plan = plan(samples);
    List<Delivery.Result> results = new Delivery(timeout).send(plan);
    print(results);
    boolean expectRefusal = stale || wrongSecret;
    boolean ok =
        results.stream()
            .allMatch(
                result ->
                    result.status() != null
                        && (expectRefusal
                            ? result.status() >= 400 && result.status() < 500
                            : result.status() >= 200 && result.status() < 300));
    if (!json && expectRefusal) {
      spec.commandLine()
          .getOut()
          .println(
              ok
                  ? "refused as it should be"
                  : "WARNING: the endpoint did not refuse a "
                      + (stale ? "stale" : "wrongly signed")
                      + " delivery with 4xx: it must verify the signature and timestamp");
    }
    spec.commandLine().getOut().flush();
    return ok ? TerraAuthCli.OK : TerraAuthCli.PROBLEM;
  }

  private Delivery.Plan plan(SampleEvents samples) throws IOException {
    if (to == null) {
      throw CliFailure.usage(
          "--to URL is required", "e.g. --to http://127.0.0.1:8788/webhooks/terra");
    }
    if (!"http".equalsIgnoreCase(to.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())
        || to.getHost() == null) {
      throw CliFailure.usage("--to must be an http or https URL, was " + to, null);
    }
    if (repeat < 1 || repeat > 1000) {
      throw CliFailure.usage("--repeat must be between 1 and 1000, was " + repeat, null);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw CliFailure.usage("--timeout must be positive", null);
    }
    String name;
    byte[] body;
    if (data != null) {
      Path file = root.context().workingDirectory().resolve(data);
      try {
        body = Files.readAllBytes(file);
      } catch (IOException e) {
        throw CliFailure.usage("--data: " + CliFailure.describe(e), null);
      }
      name = event != null ? event : data.getFileName().toString();
    } else {
      if (event == null) {
        throw CliFailure.usage("which event? name one", "terra-auth trigger --list shows them");
      }
      SampleEvents.Sample sample = samples.find(event);
      if (sample == null) {
        throw CliFailure.usage(
            "unknown event '" + event + "'", "one of " + String.join(", ", samples.all().keySet()));
      }
      name = event;
      body =
          samples.body(
              sample,
              userId != null ? userId : UUID.randomUUID().toString(),
              referenceId,
              provider);
    }
    WebhookSigner signer = WebhookSigner.of(wrongSecret ? randomSecret() : secret());
    return new Delivery.Plan(
        name, to, body, signer, stale ? STALE_BY : Duration.ZERO, repeat, sameDelivery, null);
  }

  private Secret secret() {
    Environment environment =
        root.environmentName() == null ? Environment.LOCAL : root.environment();
    List<SigningSecret> secrets = root.signingSecrets(environment);
    if (secrets.isEmpty()) {
      throw CliFailure.usage(
          "no webhook signing secret for " + environment.id(),
          "set TERRA_"
              + environment.variablePart()
              + "_WEBHOOK_SECRET (terra-auth env init --env "
              + environment.id()
              + ")");
    }
    return secrets.get(0).secret(); // the newest generation, as Terra signs after a rotation
  }

  private static Secret randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Secret.of("wrong-" + HexFormat.of().formatHex(bytes));
  }

  private void printList(SampleEvents samples) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, String>> events = new ArrayList<>();
      samples
          .all()
          .values()
          .forEach(s -> events.add(Map.of("event", s.name(), "description", s.description())));
      out.println(JsonText.write(events));
    } else {
      samples.all().values().forEach(s -> out.printf("%-20s %s%n", s.name(), s.description()));
    }
    out.flush();
  }

  private void print(List<Delivery.Result> results) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Delivery.Result result : results) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event", result.event());
        row.put("status", result.status());
        row.put("latency_ms", result.latency().toMillis());
        row.put("trace_id", result.traceId());
        if (result.error() != null) {
          row.put("error", result.error());
        }
        rows.add(row);
      }
      out.println(JsonText.write(rows));
      return;
    }
    int number = 1;
    for (Delivery.Result result : results) {
      out.printf(
          "#%d %s -> %s in %d ms (trace id %s)%n",
          number++,
          result.event(),
          result.status() == null ? "failed: " + result.error() : result.status().toString(),
          result.latency().toMillis(),
          result.traceId());
    }
  }

  /**
   * ISO-8601 durations (positive ones are checked where they are used). Named here because the CLI
   * turns off picocli's built-in {@code java.time} converters (see {@code
   * TerraAuthCli#excludeUnusedConverters}).
   */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not an ISO-8601 duration: write e.g. PT10S or PT0.5S");
      }
    }
  }
}
