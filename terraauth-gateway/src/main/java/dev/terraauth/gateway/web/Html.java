package dev.terraauth.gateway.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and the few fragments every server-rendered page repeats. Everything shown escaped. */
public final class Html {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Html() {}

  /** Escapes text for element content and double-quoted attribute values. */
  public static String escape(String value) {
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

  /**
   * A time as UTC text inside {@code <time>}, with UTC on hover; {@code /assets/dashboard.js}
   * rewrites the text to the reader's local time (without scripts the UTC text stays).
   */
  public static String time(long epochMs) {
    Instant at = Instant.ofEpochMilli(epochMs);
    String utc = UTC.format(at);
    return "<time datetime=\"" + at + "\" title=\"" + utc + "\">" + utc + "</time>";
  }

  /** {@link #time(long)} for an ISO-8601 instant, or a dash for null or unparsable text. */
  public static String time(String isoInstant) {
    if (isoInstant == null) {
      return "–";
    }
    try {
      return time(Instant.parse(isoInstant).toEpochMilli());
    } catch (java.time.format.DateTimeParseException e) {
      return escape(isoInstant);
    }
  }

  /** A small coloured label, e.g. a connection state. */
  public static String badge(String kind, String text) {
    return "<span class=\"badge badge-" + escape(kind) + "\">" + escape(text) + "</span>";
  }

  /** A hidden CSRF field for a state-changing form. */
  public static String csrfField(String token) {
    return "<input type=\"hidden\" name=\""
        + AdminSessions.CSRF_FIELD
        + "\" value=\""
        + escape(token)
        + "\">";
  }
}
