package dev.terraauth.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Checks a raw value's shape; the findings say what is wrong and how to fix it, never the value.
 */
final class ValueChecks {
  private ValueChecks() {}

  /** What is wrong with a credential value (dev-id, API key, signing secret), if anything. */
  static Optional<String> checkToken(String value) {
    if (value.isEmpty()) {
      return Optional.of("is empty: fill it in, or delete the line so a lower source applies");
    }
    if (value.length() > ConfigFiles.MAX_VALUE_CHARS) {
      return Optional.of(
          "is longer than "
              + ConfigFiles.MAX_VALUE_CHARS
              + " characters, far more than any Terra credential or URL: copy the value again");
    }
    if (containsControlCharacter(value)) {
      return Optional.of(
          "contains a control character (a line break or similar): copy the value again");
    }
    if (isQuoteChar(value.charAt(0)) || isQuoteChar(value.charAt(value.length() - 1))) {
      return Optional.of(
          "still has quote characters in it: remove them (in a .env file write KEY=value or"
              + " KEY=\"value\" with both quotes)");
    }
    if (!value.equals(value.strip())) {
      return Optional.of("has leading or trailing whitespace: remove it");
    }
    if (containsWhitespace(value)) {
      return Optional.of("contains whitespace: copy the value again from the Terra dashboard");
    }
    return Optional.empty();
  }

  /** Parses a URL value; an empty result with a message when it is not usable. */
  static Optional<String> checkUrl(String value) {
    Optional<String> shape = checkToken(value);
    if (shape.isPresent()) {
      return shape;
    }
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("https".equalsIgnoreCase(uri.getScheme())
              || "http".equalsIgnoreCase(uri.getScheme()))) {
        return Optional.of(
            "is not an absolute http(s) URL such as https://access.tryterra.co/api/v2");
      }
      if (uri.getRawUserInfo() != null) {
        return Optional.of(
            "must not contain user:password@ (credentials belong in their own keys)");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL (" + e.getReason() + ")");
    }
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return host != null
        && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  /** A control character other than tab. */
  private static boolean containsControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        return true;
      }
    }
    return false;
  }

  private static boolean containsWhitespace(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isQuoteChar(char c) {
    return c == '"' || c == '\'' || c == '`' || c == '\u201c' || c == '\u201d';
  }
}
