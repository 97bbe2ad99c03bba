package dev.terraauth.cli.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.CliFailure;
import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.Table;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.cli.admin.AdminClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code terra-auth relay endpoints|attempts|replay|listen}: the gateway's event relay. */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    subcommands = {EndpointsCommand.class, ListenCommand.class},
    description =
        "The gateway's event relay: its push endpoints, their attempt history and replays (admin"
            + " API; the admin token comes from TERRAAUTH_ADMIN_TOKEN), and 'listen', a local"
            + " receiver that verifies Standard Webhooks signatures.",
    footer = {
      "",
      "The gateway is --gateway URL, else $TERRA_AUTH_GATEWAY_URL, else http://127.0.0.1:8788.",
      "Exit codes: 0 done, 1 not found / refused / gateway unreachable, 2 usage error (no admin",
      "token, wrong token). See docs/relay.md."
    })
public final class RelayCommand {
  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "The gateway's base URL.")
  URI gateway;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON.")
  boolean json;

  AdminClient admin() {
    return AdminClient.connect(variables(), gateway, "terra-auth relay endpoints");
  }

  /** The admin API path of one endpoint. */
  static String path(String id) {
    return "/admin/relay/endpoints/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  Map<String, String> variables() {
    return root.context().environmentVariables();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  int print(JsonNode answer, Runnable text) {
    if (json) {
      out().println(JsonText.write(answer));
    } else {
      text.run();
    }
    out().flush();
    return TerraAuthCli.OK;
  }

  @Command(
      name = "attempts",
      mixinStandardHelpOptions = true,
      description = "An endpoint's latest attempts, newest first (status, duration, error).")
  int attempts(
      @Parameters(paramLabel = "ENDPOINT", description = "Its id (see 'relay endpoints').")
          String id,
      @Option(
              names = "--limit",
              defaultValue = "50",
              description = "How many, 1-1000 (default ${DEFAULT-VALUE}).")
          int limit) {
    JsonNode answer = admin().get(path(id) + "/attempts?limit=" + limit);
    return print(
        answer,
        () -> {
          Table table =
              Table.withHeaders("STARTED", "MESSAGE", "TYPE", "#", "STATUS", "MS", "ERROR");
          for (JsonNode attempt : answer.path("attempts")) {
            table.row(
                attempt.path("started_at").asText(),
                attempt.path("message_id").asText(),
                attempt.path("event_type").asText(),
                attempt.path("attempt").asText(),
                attempt.path("status").asText("-"),
                attempt.path("duration_ms").asText(),
                attempt.path("error").asText(""));
          }
          table.print(out());
        });
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Send one message again (--message, same webhook-id) or every retained event since an"
              + " instant (--since) to an endpoint.")
  int replay(
      @Parameters(paramLabel = "ENDPOINT", description = "Its id (see 'relay endpoints').")
          String id,
      @Option(
              names = "--message",
              paramLabel = "MSG",
              description = "The webhook-id (msg_...) to send again.")
          String message,
      @Option(
              names = "--since",
              paramLabel = "INSTANT",
              description = "ISO-8601, e.g. 2026-12-01T00:00:00Z.")
          String since) {
    if ((message == null) == (since == null)) {
      throw CliFailure.usage("give exactly one of --message or --since", null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (message != null) {
      body.put("message_id", message);
    } else {
      body.put("since", since);
    }
    JsonNode answer = admin().send("POST", path(id) + "/replay", body);
    return print(
        answer,
        () -> out().println("queued " + answer.path("replayed").asInt() + " message(s) again"));
  }
}
