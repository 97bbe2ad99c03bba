package dev.terraauth.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Escaping and the page frame of the hosted pages, and redirect URL building. */
final class Html {
  private Html() {}

  /** Escapes text for HTML element content and double-quoted attribute values. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A complete page; {@code title} is escaped here, {@code body} must already be safe HTML. */
  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>"
        + escape(title)
        + " - Terra emulator</title><link rel=\"stylesheet\" href=\""
        + HostedPages.STYLESHEET
        + "\"></head>\n<body>\n<p class=\"emulator-banner\"><strong>terra-auth emulator</strong>"
        + " · local, not Terra: nothing here reaches a real provider</p>\n<main class=\"sheet\">"
        + "<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "\n<p class=\"foot\">Emulated widget · terra-auth</p></main>\n</body></html>\n";
  }

  /**
   * Appends query parameters to a URL, keeping its own query and fragment; null values are written
   * as the literal {@code null}, as Terra does for {@code reference_id}.
   */
  static String appendQuery(String url, Map<String, String> params) {
    String fragment = "";
    String base = url;
    int hash = url.indexOf('#');
    if (hash >= 0) {
      fragment = url.substring(hash);
      base = url.substring(0, hash);
    }
    StringBuilder out = new StringBuilder(base);
    char separator =
        base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? 0 : '&') : '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (separator != 0) {
        out.append(separator);
      }
      separator = '&';
      out.append(encode(param.getKey()))
          .append('=')
          .append(encode(param.getValue() == null ? "null" : param.getValue()));
    }
    return out.append(fragment).toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
