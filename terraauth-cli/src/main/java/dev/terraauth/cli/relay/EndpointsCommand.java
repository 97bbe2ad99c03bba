package dev.terraauth.cli.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code terra-auth relay endpoints [create|show|update|delete|rotate-secret]}. */
@Command(
    name = "endpoints",
    mixinStandardHelpOptions = true,
    description = "List the relay endpoints (no subcommand), or create, show, change them.")
final class EndpointsCommand implements Callable<Integer> {
  @ParentCommand RelayCommand relay;

  @Override
  public Integer call() {
    JsonNode answer = relay.admin().get("/admin/relay/endpoints");
    return relay.print(
        answer,
        () -> {
          Table table =
              Table.withHeaders("ID", "URL", "TYPES", "ENABLED", "PENDING", "DELIVERED", "FAILED");
          for (JsonNode endpoint : answer.path("endpoints")) {
            table.row(
                endpoint.path("id").asText(),
                endpoint.path("url").asText(),
                types(endpoint),
                endpoint.path("enabled").asBoolean() ? "yes" : "no",
                endpoint.at("/messages/pending").asText(),
                endpoint.at("/messages/delivered").asText(),
                endpoint.at("/messages/failed").asText());
          }
          table.print(relay.out());
        });
  }

  private static String types(JsonNode endpoint) {
    JsonNode types = endpoint.path("event_types");
    if (!types.isArray()) {
      return "all";
    }
    StringBuilder text = new StringBuilder();
    types.forEach(type -> text.append(text.length() == 0 ? "" : ",").append(type.asText()));
    return text.toString();
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create an endpoint; prints its signing secret (whsec_...) once: store it in the app.")
  int create(
      @Parameters(paramLabel = "URL", description = "https:// URL the app receives events at.")
          String url,
      @Option(names = "--description", paramLabel = "TEXT") String description,
      @Option(
              names = "--event-types",
              paramLabel = "TYPES",
              description = "e.g. auth,deauth,activity (default: all).")
          String types,
      @Option(names = "--ordered", description = "Per-user ordering.") boolean ordered,
      @Option(names = "--disabled", description = "Create it disabled.") boolean disabled) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    if (description != null) {
      body.put("description", description);
    }
    if (types != null) {
      body.put("event_types", types);
    }
    body.put("ordered", ordered);
    body.put("enabled", !disabled);
    JsonNode created = relay.admin().send("POST", "/admin/relay/endpoints", body);
    return relay.print(
        created,
        () -> {
          relay.out().println("created endpoint " + created.path("id").asText());
          relay
              .out()
              .println("signing secret (shown only now): " + created.path("secret").asText());
        });
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One endpoint.")
  int show(@Parameters(paramLabel = "ENDPOINT") String id) {
    JsonNode endpoint = relay.admin().get(RelayCommand.path(id));
    return relay.print(endpoint, () -> printFields(endpoint));
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Change an endpoint's URL, description, filter, ordering or enabled state.")
  int update(
      @Parameters(paramLabel = "ENDPOINT") String id,
      @Option(names = "--url", paramLabel = "URL") String url,
      @Option(names = "--description", paramLabel = "TEXT") String description,
      @Option(names = "--event-types", paramLabel = "TYPES", description = "'*' for all.")
          String types,
      @Option(names = "--ordered", negatable = true, description = "Per-user ordering on/off.")
          Boolean ordered,
      @Option(names = "--enabled", negatable = true, description = "Enable or disable.")
          Boolean enabled) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (url != null) {
      body.put("url", url);
    }
    if (description != null) {
      body.put("description", description);
    }
    if (types != null) {
      body.put("event_types", types);
    }
    if (ordered != null) {
      body.put("ordered", ordered);
    }
    if (enabled != null) {
      body.put("enabled", enabled);
    }
    JsonNode endpoint = relay.admin().send("PATCH", RelayCommand.path(id), body);
    return relay.print(endpoint, () -> printFields(endpoint));
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete an endpoint with its queued messages and attempts.")
  int delete(@Parameters(paramLabel = "ENDPOINT") String id) {
    JsonNode answer = relay.admin().send("DELETE", RelayCommand.path(id), null);
    return relay.print(answer, () -> relay.out().println("deleted endpoint " + id));
  }

  @Command(
      name = "rotate-secret",
      mixinStandardHelpOptions = true,
      description =
          "A new signing secret; the old one keeps signing (a second v1 entry) for --grace.")
  int rotate(
      @Parameters(paramLabel = "ENDPOINT") String id,
      @Option(
              names = "--grace",
              paramLabel = "DURATION",
              description = "ISO-8601 (default: the gateway's, PT24H).")
          String grace) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (grace != null) {
      body.put("grace", grace);
    }
    JsonNode rotated = relay.admin().send("POST", RelayCommand.path(id) + "/rotate-secret", body);
    return relay.print(
        rotated,
        () -> {
          relay
              .out()
              .println("new signing secret (shown only now): " + rotated.path("secret").asText());
          relay
              .out()
              .println(
                  "the previous one keeps signing until "
                      + rotated.path("previous_secret_valid_until").asText());
        });
  }

  private void printFields(JsonNode endpoint) {
    for (String field :
        List.of(
            "id",
            "source",
            "url",
            "description",
            "enabled",
            "ordered",
            "disabled_reason",
            "failing_since",
            "previous_secret_valid_until",
            "created_at",
            "updated_at")) {
      relay.out().printf("%-28s %s%n", field, endpoint.path(field).asText("-"));
    }
    relay.out().printf("%-28s %s%n", "event_types", types(endpoint));
    JsonNode messages = endpoint.path("messages");
    relay
        .out()
        .printf(
            "%-28s %s pending, %s delivered, %s failed%n",
            "messages",
            messages.path("pending").asText(),
            messages.path("delivered").asText(),
            messages.path("failed").asText());
  }
}
