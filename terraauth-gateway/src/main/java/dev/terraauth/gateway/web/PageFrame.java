package dev.terraauth.gateway.web;

import dev.terraauth.core.config.Environment;

/** The dashboard's page layout: header, navigation, the sign-out form, the content. */
final class PageFrame {
  /** The dashboard's sections, in navigation order: path segment and label. */
  static final String[][] SECTIONS = {
    {"connections", "Connections"},
    {"sessions", "Sessions"},
    {"deliveries", "Deliveries"},
    {"credentials", "Credentials"},
    {"relay", "Relay"},
    {"reconcile", "Reconcile"},
  };

  private final Environment environment;

  PageFrame(Environment environment) {
    this.environment = environment;
  }

  /** A whole page; {@code content} must already be escaped HTML. */
  String page(String section, String title, String content, AdminSessions.Session session) {
    return page(section, title, content, session, null);
  }

  /** A page that reloads itself every {@code refreshSeconds} (a job in progress), when not null. */
  String page(
      String section,
      String title,
      String content,
      AdminSessions.Session session,
      Integer refreshSeconds) {
    StringBuilder html = new StringBuilder(8192);
    head(html, title, refreshSeconds);
    html.append("<header class=\"top\"><div class=\"brand\">terra-auth <span class=\"env env-")
        .append(Html.escape(environment.id()))
        .append("\">")
        .append(Html.escape(environment.id()))
        .append("</span></div><nav>");
    for (String[] item : SECTIONS) {
      html.append("<a href=\"/admin/ui/")
          .append(item[0])
          .append('"')
          .append(item[0].equals(section) ? " aria-current=\"page\"" : "")
          .append('>')
          .append(item[1])
          .append("</a>");
    }
    html.append("</nav><form method=\"post\" action=\"/admin/sign-out\" class=\"signout\">")
        .append(Html.csrfField(session.csrf()))
        .append("<button type=\"submit\" class=\"link\">Sign out</button></form></header>\n")
        .append("<main><h1>")
        .append(Html.escape(title))
        .append("</h1>\n")
        .append(content)
        .append("</main>\n</body></html>\n");
    return html.toString();
  }

  /** A page outside the signed-in area (sign-in). */
  String bare(String title, String content) {
    StringBuilder html = new StringBuilder(2048);
    head(html, title, null);
    html.append("<main class=\"narrow\">").append(content).append("</main>\n</body></html>\n");
    return html.toString();
  }

  private static void head(StringBuilder html, String title, Integer refreshSeconds) {
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"robots\" content=\"noindex\">");
    if (refreshSeconds != null) {
      html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
    }
    html.append("<title>")
        .append(Html.escape(title))
        .append(" · terra-auth admin</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
        .append("<script src=\"/assets/dashboard.js\" defer></script></head>\n<body>\n");
  }
}
