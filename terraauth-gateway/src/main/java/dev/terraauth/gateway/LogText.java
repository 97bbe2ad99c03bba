package dev.terraauth.gateway;

/**
 * A value a stranger chose (an unsigned header such as {@code X-Terra-Trace-Id}), made fit for a
 * log line or a terminal: control characters become {@code ?} and it is cut at 128 characters.
 * Jetty refuses C0 controls and DEL in headers, but not the C1 range (U+0080 to U+009F, e.g. CSI),
 * which some terminals obey when an operator tails the log.
 */
public final class LogText {
  private static final int MAX = 128;

  private LogText() {}

  /** The value as logged; null stays null. */
  public static String of(String value) {
    if (value == null) {
      return null;
    }
    int length = Math.min(value.length(), MAX);
    StringBuilder text = null;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        if (text == null) {
          text = new StringBuilder(length).append(value, 0, i);
        }
        text.append('?');
      } else if (text != null) {
        text.append(c);
      }
    }
    String shown = text != null ? text.toString() : value.substring(0, length);
    return value.length() > MAX ? shown + "..." : shown;
  }
}
