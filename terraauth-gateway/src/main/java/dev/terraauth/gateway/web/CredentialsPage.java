package dev.terraauth.gateway.web;

import dev.terraauth.gateway.service.CredentialAdmin;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/ui/credentials}: each environment's live check, and its signing secrets by
 * generation and fingerprint (the views never hold a secret's value).
 */
final class CredentialsPage {
  private final CredentialAdmin credentials;

  CredentialsPage(CredentialAdmin credentials) {
    this.credentials = credentials;
  }

  String render() {
    List<Map<String, Object>> environments = credentials.health();
    StringBuilder html = new StringBuilder(4096);
    if (environments.isEmpty()) {
      html.append("<p class=\"empty\">This gateway reports no credentials.</p>");
      return html.toString();
    }
    for (Map<String, Object> environment : environments) {
      Object live = environment.get("live_check");
      boolean healthy = "ok".equals(live);
      html.append("<section class=\"card\"><h2>")
          .append(Html.escape(String.valueOf(environment.getOrDefault("environment", "?"))))
          .append(' ')
          .append(Html.badge(healthy ? "active" : "error", healthy ? "healthy" : "unhealthy"))
          .append("</h2><dl>");
      for (Map.Entry<String, Object> entry : environment.entrySet()) {
        if (entry.getKey().equals("environment")) {
          continue;
        }
        html.append("<dt>")
            .append(Html.escape(entry.getKey().replace('_', ' ')))
            .append("</dt><dd>")
            .append(value(entry.getValue()))
            .append("</dd>");
      }
      html.append("</dl></section>\n");
    }
    return html.toString();
  }

  /** A value of the JSON view: text, a list, or a list of objects as a small table. */
  private static String value(Object value) {
    if (value == null) {
      return "<span class=\"muted\">none</span>";
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return "<span class=\"muted\">none</span>";
      }
      if (list.get(0) instanceof Map<?, ?> first) {
        StringBuilder table = new StringBuilder("<table class=\"mini\"><thead><tr>");
        for (Object key : first.keySet()) {
          table
              .append("<th>")
              .append(Html.escape(String.valueOf(key).replace('_', ' ')))
              .append("</th>");
        }
        table.append("</tr></thead><tbody>");
        for (Object item : list) {
          table.append("<tr>");
          for (Object key : first.keySet()) {
            Object cell = item instanceof Map<?, ?> map ? map.get(key) : null;
            table
                .append("<td><code>")
                .append(Html.escape(String.valueOf(cell)))
                .append("</code></td>");
          }
          table.append("</tr>");
        }
        return table.append("</tbody></table>").toString();
      }
      StringBuilder items = new StringBuilder();
      for (Object item : list) {
        items
            .append(items.length() == 0 ? "" : ", ")
            .append("<code>")
            .append(Html.escape(String.valueOf(item)))
            .append("</code>");
      }
      return items.toString();
    }
    return Html.escape(String.valueOf(value));
  }
}
