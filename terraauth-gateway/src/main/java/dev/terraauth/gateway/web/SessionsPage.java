package dev.terraauth.gateway.web;

import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.SessionSearch;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /admin/ui/sessions}: widget sessions and mobile tokens issued, orphans marked. */
final class SessionsPage {
  private final SessionSearch sessions;
  private final Clock clock;

  SessionsPage(SessionSearch sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  String render(Context ctx) {
    Paging paging = Paging.of(ctx, sessions.count());
    List<AuthSession> rows = sessions.page(paging.offset(), paging.size());
    long now = clock.millis();
    StringBuilder html = new StringBuilder(16384);
    html.append(
        "<p class=\"note\">An <em>orphan</em> expired without any webhook: the user gave up, or"
            + " (for Apple Health and other mobile-SDK sources) the app never finished in the"
            + " SDK.</p>\n");
    if (rows.isEmpty()) {
      html.append("<p class=\"empty\">No widget session or mobile token issued yet.</p>");
    } else {
      html.append("<table class=\"rows\"><thead><tr><th>Kind</th><th>Status</th>")
          .append("<th>Reference id</th><th>Terra user id</th><th>Redirect said</th>")
          .append("<th>Issued</th><th>Expires</th></tr></thead><tbody>\n");
      for (AuthSession session : rows) {
        row(html, session, now);
      }
      html.append("</tbody></table>\n");
    }
    html.append(paging.links("/admin/ui/sessions", Map.of()));
    return html.toString();
  }

  private static void row(StringBuilder html, AuthSession session, long now) {
    String status = session.status(now);
    html.append("<tr><td data-label=\"Kind\">")
        .append(Html.escape(session.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
        .append("</td><td data-label=\"Status\">")
        .append(Html.badge(status, status));
    if ("expired".equals(status)) {
      html.append(' ').append(Html.badge("orphan", "orphan"));
    }
    if (session.outcomeDetail() != null) {
      html.append("<div class=\"reason\">")
          .append(Html.escape(session.outcomeDetail()))
          .append("</div>");
    }
    html.append("</td><td data-label=\"Reference id\">")
        .append(Html.escape(session.referenceId()))
        .append("</td><td data-label=\"Terra user id\"><code>")
        .append(Html.escape(session.terraUserId() == null ? "–" : session.terraUserId()))
        .append("</code></td><td data-label=\"Redirect said\">")
        .append(Html.escape(hint(session.redirectHint())))
        .append("</td><td data-label=\"Issued\">")
        .append(Html.time(session.issuedAtMs()))
        .append("</td><td data-label=\"Expires\">")
        .append(Html.time(session.expiresAtMs()))
        .append("</td></tr>\n");
  }

  private static String hint(String redirectHint) {
    if (redirectHint == null) {
      return "–";
    }
    return switch (redirectHint) {
      case "mobile_sdk" -> "mobile SDK source: finishes in the app";
      default -> redirectHint;
    };
  }
}
