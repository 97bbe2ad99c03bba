package dev.terraauth.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.relay.AttemptRecord;
import dev.terraauth.gateway.relay.EndpointChange;
import dev.terraauth.gateway.relay.EndpointStats;
import dev.terraauth.gateway.relay.EventTypeFilter;
import dev.terraauth.gateway.relay.RelayAdmin;
import dev.terraauth.gateway.relay.RelayEndpoint;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/relay/endpoints...}: the relay's endpoints, their attempt history, replay and
 * secret rotation (behind the admin guard). Shapes are documented in docs/relay.md.
 */
public final class RelayAdminApi {
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private static final Set<String> ENDPOINT_FIELDS =
      Set.of("url", "description", "event_types", "enabled", "ordered");
  private static final int DEFAULT_ATTEMPTS = 100;
  private static final int MAX_ATTEMPTS = 1_000;

  private final RelayAdmin relay;

  public RelayAdminApi(RelayAdmin relay) {
    this.relay = relay;
  }

  public void list(Context ctx) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (RelayEndpoint endpoint : relay.all()) {
      views.add(view(endpoint, relay.stats(endpoint.id())));
    }
    ctx.json(Map.of("endpoints", views));
  }

  public void show(Context ctx) {
    RelayEndpoint endpoint =
        run(() -> relay.find(ctx.pathParam("id")))
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no relay endpoint " + shortened(ctx.pathParam("id"))));
    ctx.json(view(endpoint, relay.stats(endpoint.id())));
  }

  public void create(Context ctx) {
    EndpointChange change = change(body(ctx));
    RelayAdmin.Created created = run(() -> relay.create(change));
    Map<String, Object> view = view(created.endpoint(), relay.stats(created.endpoint().id()));
    view.put("secret", created.secret().reveal()); // shown once, never again
    ctx.status(201)
        .header("Location", "/admin/relay/endpoints/" + created.endpoint().id())
        .json(view);
  }

  public void update(Context ctx) {
    EndpointChange change = change(body(ctx));
    RelayEndpoint changed = run(() -> relay.change(ctx.pathParam("id"), change));
    ctx.json(view(changed, relay.stats(changed.id())));
  }

  public void delete(Context ctx) {
    run(
        () -> {
          relay.delete(ctx.pathParam("id"));
          return null;
        });
    ctx.status(204);
  }

  public void rotateSecret(Context ctx) {
    JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : body(ctx);
    onlyFields(body, Set.of("grace"));
    Duration grace = null;
    if (body.hasNonNull("grace")) {
      try {
        grace = Duration.parse(body.get("grace").asText());
      } catch (DateTimeParseException e) {
        throw ProblemException.badRequest("grace must be an ISO-8601 duration such as PT24H");
      }
    }
    Duration keep = grace;
    RelayAdmin.Created rotated = run(() -> relay.rotate(ctx.pathParam("id"), keep));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", rotated.endpoint().id());
    view.put("secret", rotated.secret().reveal()); // shown once, never again
    view.put("previous_secret_valid_until", instant(rotated.endpoint().previousSecretUntilMs()));
    ctx.json(view);
  }

  public void attempts(Context ctx) {
    int limit = limit(ctx.queryParam("limit"));
    List<Map<String, Object>> views = new ArrayList<>();
    for (AttemptRecord attempt : run(() -> relay.attempts(ctx.pathParam("id"), limit))) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("message_id", attempt.messageId());
      view.put("trace_id", attempt.traceId());
      view.put("event_type", attempt.eventType());
      view.put("attempt", attempt.attempt());
      view.put("started_at", instant(attempt.startedAtMs()));
      view.put("duration_ms", attempt.durationMs());
      view.put("status", attempt.status());
      view.put("error", attempt.error());
      view.put("instance", attempt.instance());
      views.add(view);
    }
    ctx.json(Map.of("attempts", views));
  }

  public void replay(Context ctx) {
    JsonNode body = body(ctx);
    onlyFields(body, Set.of("message_id", "since"));
    boolean byId = body.hasNonNull("message_id");
    boolean bySince = body.hasNonNull("since");
    if (byId == bySince) {
      throw ProblemException.badRequest(
          "give exactly one of message_id (a webhook-id, msg_...) or since (an ISO-8601 instant)");
    }
    int replayed;
    if (byId) {
      JsonNode id = body.get("message_id");
      if (!id.isTextual()) {
        throw ProblemException.badRequest("message_id must be a string");
      }
      replayed = run(() -> relay.replayMessage(ctx.pathParam("id"), id.asText()));
    } else {
      long since;
      try {
        since = Instant.parse(body.get("since").asText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ProblemException.badRequest(
            "since must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
      }
      replayed = run(() -> relay.replaySince(ctx.pathParam("id"), since));
    }
    ctx.status(202).json(Map.of("replayed", replayed));
  }

  static Map<String, Object> view(RelayEndpoint endpoint, EndpointStats stats) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", endpoint.id());
    view.put("source", endpoint.source());
    view.put("url", endpoint.url().toString());
    view.put("description", endpoint.description());
    view.put("event_types", endpoint.filter().all() ? null : endpoint.filter().types());
    view.put("enabled", endpoint.enabled());
    view.put("ordered", endpoint.ordered());
    view.put("disabled_reason", endpoint.disabledReason());
    view.put("failing_since", instant(endpoint.failingSinceMs()));
    view.put("previous_secret_valid_until", instant(endpoint.previousSecretUntilMs()));
    view.put("created_at", instant(endpoint.createdAtMs()));
    view.put("updated_at", instant(endpoint.updatedAtMs()));
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("pending", stats.pending());
    counts.put("delivered", stats.delivered());
    counts.put("failed", stats.failed());
    counts.put("oldest_pending_at", instant(stats.oldestPendingMs()));
    view.put("messages", counts);
    return view;
  }

  private static String instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms).toString();
  }

  private static JsonNode body(Context ctx) {
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (IOException e) {
      throw ProblemException.badRequest("the body is not JSON");
    }
    if (body == null || !body.isObject()) {
      throw ProblemException.badRequest("the body must be a JSON object");
    }
    return body;
  }

  private static void onlyFields(JsonNode body, Set<String> allowed) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ProblemException.badRequest(
            "unknown field '"
                + shortened(name)
                + "' (expected: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static EndpointChange change(JsonNode body) {
    onlyFields(body, ENDPOINT_FIELDS);
    URI url = null;
    if (body.hasNonNull("url")) {
      if (!body.get("url").isTextual()) {
        throw ProblemException.badRequest("url must be a string");
      }
      try {
        url = new URI(body.get("url").asText());
      } catch (URISyntaxException e) {
        throw ProblemException.badRequest("url is not a URL: " + e.getReason());
      }
    }
    String description = text(body, "description");
    EventTypeFilter filter = null;
    JsonNode types = body.get("event_types");
    try {
      if (types != null && types.isTextual()) {
        filter = EventTypeFilter.parse(types.asText(), "event_types");
      } else if (types != null && types.isArray()) {
        List<String> entries = new ArrayList<>();
        types.forEach(entry -> entries.add(entry.isTextual() ? entry.asText() : ""));
        filter =
            entries.isEmpty() ? EventTypeFilter.ALL : EventTypeFilter.of(entries, "event_types");
      } else if (types != null && !types.isNull()) {
        throw ProblemException.badRequest(
            "event_types must be a list or a comma-separated string such as \"auth,deauth,activity\"");
      } else if (types != null) {
        filter = EventTypeFilter.ALL;
      }
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
    return new EndpointChange(
        url, description, filter, bool(body, "enabled"), bool(body, "ordered"));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ProblemException.badRequest(field + " must be a string");
    }
    return value.asText();
  }

  private static Boolean bool(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ProblemException.badRequest(field + " must be true or false");
    }
    return value.asBoolean();
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_ATTEMPTS;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_ATTEMPTS) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest("limit must be a number from 1 to " + MAX_ATTEMPTS);
  }

  private static String shortened(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }

  private static <T> T run(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (RelayAdmin.InvalidRequestException e) {
      throw new ProblemException(
          e.status(),
          e.status() == 404 ? "not found" : e.status() == 409 ? "conflict" : "bad request",
          e.getMessage());
    }
  }
}
