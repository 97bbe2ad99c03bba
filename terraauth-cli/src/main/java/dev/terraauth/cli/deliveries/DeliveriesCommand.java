package dev.terraauth.cli.deliveries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.CliFailure;
import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.Table;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.cli.admin.AdminClient;
import dev.terraauth.cli.trigger.Delivery;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookSigner;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth deliveries list|show|resend}: a running gateway's webhook deliveries. */
@Command(
    name = "deliveries",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description =
        "List, show and resend the webhook deliveries a running gateway stored (its admin API;"
            + " the admin token comes from TERRAAUTH_ADMIN_TOKEN).",
    footer = {
      "",
      "The gateway is --gateway URL, else $TERRA_AUTH_GATEWAY_URL, else http://127.0.0.1:8788.",
      "Exit codes: 0 done, 1 not found / gateway unreachable / resend not accepted, 2 usage",
      "error (no admin token, wrong token)."
    })
public final class DeliveriesCommand {
  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The gateway's base URL.")
  URI gateway;

  @Option(
      names = "--json",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print JSON.")
  boolean json;

  AdminClient admin() {
    return AdminClient.connect(
        root.context().environmentVariables(), gateway, "terra-auth deliveries list");
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest deliveries.")
  int list() {
    JsonNode answer = admin().get("/admin/deliveries");
    if (json) {
      out().println(JsonText.write(answer));
    } else {
      Table table = Table.withHeaders("KEY", "TYPE", "OUTCOME", "TERRA USER", "RECEIVED");
      for (JsonNode delivery : answer.path("deliveries")) {
        table.row(
            delivery.path("dedupe_key").asText(),
            delivery.path("type").asText(),
            delivery.path("outcome").asText(null),
            delivery.path("terra_user_id").asText(null),
            delivery.path("received_at").asText());
      }
      table.print(out());
      int refused = answer.path("refused").size();
      if (refused > 0) {
        out().println(refused + " refused recently (bad signature or stale): see --json");
      }
    }
    out().flush();
    return TerraAuthCli.OK;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One delivery with its stored body.")
  int show(@Parameters(paramLabel = "KEY", description = "Its key (see list).") String key) {
    JsonNode delivery =
        admin().get("/admin/deliveries/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    if (json) {
      out().println(JsonText.write(delivery));
    } else {
      for (String field :
          List.of(
              "dedupe_key",
              "trace_id",
              "type",
              "outcome",
              "verified_with",
              "terra_user_id",
              "received_at")) {
        out().printf("%-14s %s%n", field, delivery.path(field).asText("-"));
      }
      out().println(delivery.path("body").asText());
    }
    out().flush();
    return TerraAuthCli.OK;
  }

  @Command(
      name = "resend",
      mixinStandardHelpOptions = true,
      description =
          "Send a stored delivery again, signed now with --env's webhook secret, to the gateway's"
              + " /webhooks/terra (or --to). It keeps its trace id, as Terra's retries do, so the"
              + " gateway answers 200 without processing it twice; --new-trace-id processes it"
              + " again.")
  int resend(
      @Parameters(paramLabel = "KEY", description = "Its key (see list).") String key,
      @Option(names = "--to", paramLabel = "URL", description = "Where to send it.") URI to,
      @Option(names = "--new-trace-id", description = "Send it as a new delivery.")
          boolean newTraceId) {
    AdminClient admin = admin();
    JsonNode delivery =
        admin.get("/admin/deliveries/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    Environment environment =
        root.environmentName() == null ? Environment.LOCAL : root.environment();
    List<SigningSecret> secrets = root.signingSecrets(environment);
    if (secrets.isEmpty()) {
      throw CliFailure.usage("no webhook signing secret for " + environment.id(), null);
    }
    URI target = to != null ? to : URI.create(admin.base() + "/webhooks/terra");
    Delivery.Plan plan =
        new Delivery.Plan(
            delivery.path("type").asText(),
            target,
            delivery.path("body").asText().getBytes(StandardCharsets.UTF_8),
            WebhookSigner.of(secrets.get(0).secret()),
            Duration.ZERO,
            1,
            false,
            newTraceId ? null : delivery.path("trace_id").asText(null));
    if (newTraceId) {
      waitForTheNextSecond();
    }
    Delivery.Result result = new Delivery(Duration.ofSeconds(15)).send(plan).get(0);
    if (json) {
      out()
          .println(
              JsonText.write(
                  java.util.Map.of(
                      "status", result.status() == null ? "failed" : result.status().toString(),
                      "latency_ms", result.latency().toMillis(),
                      "trace_id", String.valueOf(result.traceId()))));
    } else {
      out()
          .printf(
              "resent %s -> %s in %d ms (trace id %s)%n",
              key,
              result.status() == null ? "failed: " + result.error() : result.status().toString(),
              result.latency().toMillis(),
              result.traceId());
    }
    out().flush();
    boolean ok = result.status() != null && result.status() >= 200 && result.status() < 300;
    return ok ? TerraAuthCli.OK : TerraAuthCli.PROBLEM;
  }

  /**
   * The gateway dedupes on the signature too (Terra signs only the timestamp and the body), so a
   * copy signed in the same second as an earlier one is, rightly, a replay. Starting a fresh second
   * makes this signature differ from every one made before the call: at most one second's wait.
   */
  private static void waitForTheNextSecond() {
    long now = System.currentTimeMillis();
    try {
      Thread.sleep(1000 - now % 1000 + 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
