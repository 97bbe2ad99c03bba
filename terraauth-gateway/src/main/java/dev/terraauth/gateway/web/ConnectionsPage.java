package dev.terraauth.gateway.web;

import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionSearch;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.webhook.DeliverySearch;
import dev.terraauth.gateway.webhook.WebhookDelivery;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /admin/ui/connections}: search, filter by state, each row with its reason and history. */
final class ConnectionsPage {
  private static final int HISTORY = 5;
  private static final int MAX_QUERY = 128;

  private final ConnectionSearch connections;
  private final DeliverySearch deliveries;

  ConnectionsPage(ConnectionSearch connections, DeliverySearch deliveries) {
    this.connections = connections;
    this.deliveries = deliveries;
  }

  String render(Context ctx) {
    String text = ctx.queryParam("q");
    if (text != null && text.length() > MAX_QUERY) {
      text = text.substring(0, MAX_QUERY);
    }
    ConnectionState state = state(ctx.queryParam("state"));
    ConnectionSearch.Filter filter = new ConnectionSearch.Filter(text, state);
    Paging paging = Paging.of(ctx, connections.count(filter));
    List<Connection> rows = connections.page(filter, paging.offset(), paging.size());
    Map<String, List<WebhookDelivery>> history =
        deliveries.history(rows.stream().map(Connection::terraUserId).toList(), HISTORY);

    StringBuilder html = new StringBuilder(16384);
    searchForm(html, filter);
    String asked = ctx.queryParam("state");
    if (state == null && asked != null && !asked.isBlank()) {
      html.append("<p class=\"problem\">There is no state “")
          .append(Html.escape(asked.length() > 32 ? asked.substring(0, 32) + "…" : asked))
          .append("”; showing every state. States: pending, active, failed, error, revoked,")
          .append(" deauthenticated.</p>");
    }
    if (rows.isEmpty()) {
      html.append("<p class=\"empty\">")
          .append(
              filter.text() == null && state == null
                  ? "No connections yet. They appear here once Terra's webhooks arrive."
                  : "No connection matches this search.")
          .append("</p>");
    } else {
      html.append("<table class=\"rows\"><thead><tr><th>Provider</th><th>State</th>")
          .append("<th>Reference id</th><th>Terra user id</th><th>Updated</th><th>History</th>")
          .append("</tr></thead><tbody>\n");
      for (Connection connection : rows) {
        row(html, connection, history.getOrDefault(connection.terraUserId(), List.of()));
      }
      html.append("</tbody></table>\n");
    }
    Map<String, String> keep = new LinkedHashMap<>();
    keep.put("q", filter.text());
    keep.put("state", state == null ? null : state.id());
    html.append(paging.links("/admin/ui/connections", keep));
    return html.toString();
  }

  private static void searchForm(StringBuilder html, ConnectionSearch.Filter filter) {
    html.append("<form method=\"get\" action=\"/admin/ui/connections\" class=\"search\">")
        .append("<label>Search <input type=\"search\" name=\"q\" maxlength=\"128\" value=\"")
        .append(Html.escape(filter.text()))
        .append("\" placeholder=\"reference id, Terra user id or provider\"></label>")
        .append("<label>State <select name=\"state\"><option value=\"\">any</option>");
    for (ConnectionState option : ConnectionState.values()) {
      html.append("<option value=\"")
          .append(option.id())
          .append('"')
          .append(option == filter.state() ? " selected" : "")
          .append('>')
          .append(option.id())
          .append("</option>");
    }
    html.append("</select></label><button type=\"submit\">Search</button></form>\n");
  }

  private static void row(
      StringBuilder html, Connection connection, List<WebhookDelivery> history) {
    html.append("<tr><td data-label=\"Provider\">")
        .append(Html.escape(connection.provider() == null ? "?" : connection.provider()))
        .append("</td><td data-label=\"State\">")
        .append(Html.badge(connection.state().id(), connection.state().id()));
    if (connection.widgetSessionId() == null) {
      html.append(' ').append(Html.badge("orphan", "orphan"));
    }
    html.append("<div class=\"reason\">")
        .append(Html.escape(StateSentences.of(connection.state(), connection.detail())))
        .append("</div></td><td data-label=\"Reference id\">")
        .append(Html.escape(connection.referenceId() == null ? "–" : connection.referenceId()))
        .append("</td><td data-label=\"Terra user id\"><code>")
        .append(Html.escape(connection.terraUserId()))
        .append("</code></td><td data-label=\"Updated\">")
        .append(Html.time(connection.updatedAtMs()))
        .append("</td><td data-label=\"History\">");
    if (history.isEmpty()) {
      html.append("<span class=\"muted\">no stored delivery</span>");
    } else {
      html.append("<details><summary>")
          .append(history.size())
          .append(history.size() == HISTORY ? "+" : "")
          .append(history.size() == 1 ? " delivery" : " deliveries")
          .append("</summary><ol class=\"history\">");
      for (WebhookDelivery delivery : history) {
        html.append("<li><strong>")
            .append(Html.escape(delivery.eventType()))
            .append("</strong> ")
            .append(Html.time(delivery.receivedAtMs()))
            .append(" <span class=\"muted\">verified with ")
            .append(Html.escape(delivery.matchedSecret()))
            .append("</span></li>");
      }
      html.append("</ol></details>");
    }
    html.append("</td></tr>\n");
  }

  private static ConnectionState state(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    for (ConnectionState state : ConnectionState.values()) {
      if (state.id().equals(raw.strip().toLowerCase(Locale.ROOT))) {
        return state;
      }
    }
    return null;
  }
}
