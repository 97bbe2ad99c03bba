package dev.terraauth.gateway.web;

import dev.terraauth.gateway.relay.AttemptRecord;
import dev.terraauth.gateway.relay.EndpointStats;
import dev.terraauth.gateway.relay.RelayAdmin;
import dev.terraauth.gateway.relay.RelayEndpoint;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/ui/relay}: the relay's endpoints with their queues, each endpoint's attempts, and
 * replay (one message, or everything since a time), over the relay's own admin service.
 */
final class RelayPage {
  /** The attempt history the relay keeps per request at most (its admin API's limit). */
  private static final int MAX_ATTEMPTS = 1_000;

  private final RelayAdmin relay;

  RelayPage(RelayAdmin relay) {
    this.relay = relay;
  }

  /** A rendered page and its status. */
  record Rendered(int status, String title, String html) {}

  /** What a replay did: a count, or a problem with its status. Nullable: problem. */
  record Replayed(int count, int status, String problem) {}

  String endpoints(Context ctx) {
    List<RelayEndpoint> all = relay.all();
    Paging paging = Paging.of(ctx, all.size());
    StringBuilder html = new StringBuilder(8192);
    html.append(
        "<p class=\"note\">Every verified delivery is relayed to these endpoints (Standard"
            + " Webhooks signatures; see docs/relay.md). Create and change endpoints with"
            + " <code>terra-auth relay endpoints</code> or the admin API.</p>\n");
    if (all.isEmpty()) {
      html.append(
          "<p class=\"empty\">No relay endpoint. Start with <code>--relay-url</code> or create"
              + " one through <code>POST /admin/relay/endpoints</code>.</p>");
      return html.toString();
    }
    html.append("<table class=\"rows\"><thead><tr><th>Endpoint</th><th>State</th>")
        .append("<th>Events</th><th>Pending</th><th>Delivered</th><th>Failed</th>")
        .append("<th>Oldest pending</th></tr></thead><tbody>\n");
    int to = Math.min(all.size(), paging.offset() + paging.size());
    for (RelayEndpoint endpoint : all.subList(paging.offset(), to)) {
      EndpointStats stats = relay.stats(endpoint.id());
      html.append("<tr><td data-label=\"Endpoint\"><a href=\"/admin/ui/relay/")
          .append(Html.escape(URLEncoder.encode(endpoint.id(), StandardCharsets.UTF_8)))
          .append("\"><code>")
          .append(Html.escape(endpoint.url().toString()))
          .append("</code></a>");
      if (endpoint.description() != null) {
        html.append("<div class=\"reason\">")
            .append(Html.escape(endpoint.description()))
            .append("</div>");
      }
      html.append("</td><td data-label=\"State\">").append(state(endpoint));
      html.append("</td><td data-label=\"Events\">")
          .append(
              Html.escape(
                  endpoint.filter().all() ? "all" : String.join(", ", endpoint.filter().types())))
          .append("</td><td data-label=\"Pending\">")
          .append(stats.pending())
          .append("</td><td data-label=\"Delivered\">")
          .append(stats.delivered())
          .append("</td><td data-label=\"Failed\">")
          .append(stats.failed())
          .append("</td><td data-label=\"Oldest pending\">")
          .append(stats.oldestPendingMs() == null ? "–" : Html.time(stats.oldestPendingMs()))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n").append(paging.links("/admin/ui/relay", Map.of()));
    return html.toString();
  }

  Rendered endpoint(Context ctx, String csrf) {
    String id = ctx.pathParam("id");
    Optional<RelayEndpoint> found = id.length() > 64 ? Optional.empty() : relay.find(id);
    if (found.isEmpty()) {
      return new Rendered(
          404,
          "No such endpoint",
          "<p class=\"problem\">No relay endpoint with this id.</p><p><a href=\"/admin/ui/relay\">"
              + "All endpoints</a></p>");
    }
    RelayEndpoint endpoint = found.get();
    String path = "/admin/ui/relay/" + URLEncoder.encode(endpoint.id(), StandardCharsets.UTF_8);
    StringBuilder html = new StringBuilder(16384);
    String replayed = ctx.queryParam("replayed");
    if (replayed != null && replayed.matches("[0-9]{1,7}")) {
      html.append("<p class=\"card\" role=\"status\">Replayed ")
          .append(replayed)
          .append(replayed.equals("1") ? " message" : " messages")
          .append(": due now, with the same webhook-id.</p>");
    }
    html.append("<section class=\"card\"><h2><code>")
        .append(Html.escape(endpoint.url().toString()))
        .append("</code> ")
        .append(state(endpoint))
        .append("</h2><form method=\"post\" action=\"")
        .append(Html.escape(path))
        .append("/replay\" class=\"search\">")
        .append(Html.csrfField(csrf))
        .append("<label>Replay every retained event since (UTC, ISO-8601)")
        .append(
            " <input name=\"since\" required maxlength=\"40\" placeholder=\"2026-12-01T00:00:00Z\">")
        .append("</label><button type=\"submit\">Replay since</button></form></section>\n");

    List<AttemptRecord> attempts = relay.attempts(endpoint.id(), MAX_ATTEMPTS);
    Paging paging = Paging.of(ctx, attempts.size());
    html.append("<h2>Attempts</h2>");
    if (attempts.isEmpty()) {
      html.append("<p class=\"empty\">No attempt yet.</p>");
    } else {
      html.append("<table class=\"rows\"><thead><tr><th>Event</th><th>Attempt</th>")
          .append("<th>Result</th><th>Started</th><th>Took</th><th></th></tr></thead><tbody>\n");
      int to = Math.min(attempts.size(), paging.offset() + paging.size());
      for (AttemptRecord attempt : attempts.subList(paging.offset(), to)) {
        boolean ok = attempt.error() == null;
        html.append("<tr><td data-label=\"Event\"><strong>")
            .append(Html.escape(attempt.eventType()))
            .append("</strong><div class=\"reason\"><code>")
            .append(Html.escape(attempt.messageId()))
            .append("</code></div></td><td data-label=\"Attempt\">")
            .append(attempt.attempt())
            .append("</td><td data-label=\"Result\">")
            .append(
                Html.badge(
                    ok ? "active" : "failed", ok ? "HTTP " + attempt.status() : attempt.error()))
            .append("</td><td data-label=\"Started\">")
            .append(Html.time(attempt.startedAtMs()))
            .append("</td><td data-label=\"Took\">")
            .append(attempt.durationMs())
            .append(" ms</td><td><form method=\"post\" action=\"")
            .append(Html.escape(path))
            .append("/replay\">")
            .append(Html.csrfField(csrf))
            .append("<input type=\"hidden\" name=\"message_id\" value=\"")
            .append(Html.escape(attempt.messageId()))
            .append(
                "\"><button type=\"submit\" class=\"replay\">Replay</button></form></td></tr>\n");
      }
      html.append("</tbody></table>\n").append(paging.links(path, Map.of()));
    }
    return new Rendered(200, "Relay endpoint", html.toString());
  }

  Replayed replay(String id, String messageId, String since) {
    try {
      if (messageId != null && !messageId.isBlank()) {
        return new Replayed(relay.replayMessage(id, messageId.strip()), 202, null);
      }
      if (since == null || since.isBlank()) {
        return new Replayed(0, 400, "give a message to replay, or a time to replay since");
      }
      long sinceMs;
      try {
        sinceMs = Instant.parse(since.strip()).toEpochMilli();
      } catch (DateTimeParseException e) {
        return new Replayed(
            0, 400, "since must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
      }
      return new Replayed(relay.replaySince(id, sinceMs), 202, null);
    } catch (RelayAdmin.InvalidRequestException e) {
      return new Replayed(0, e.status(), e.getMessage());
    }
  }

  private static String state(RelayEndpoint endpoint) {
    if (!endpoint.enabled()) {
      return Html.badge("failed", "disabled")
          + (endpoint.disabledReason() == null
              ? ""
              : "<div class=\"reason\">" + Html.escape(endpoint.disabledReason()) + "</div>");
    }
    if (endpoint.failingSinceMs() != null) {
      return Html.badge("pending", "failing")
          + "<div class=\"reason\">since "
          + Html.time(endpoint.failingSinceMs())
          + "</div>";
    }
    return Html.badge("active", "healthy");
  }
}
