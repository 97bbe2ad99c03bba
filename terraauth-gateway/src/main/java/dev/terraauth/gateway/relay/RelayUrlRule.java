package dev.terraauth.gateway.relay;

import dev.terraauth.core.config.Environment;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the relay may push: https:// outside {@code local}; http:// only to a loopback address, and
 * outside local only with {@code --relay-allow-http-loopback} (events are personal health data and
 * the signature does not hide them).
 */
public final class RelayUrlRule {
  private static final int MAX_URL_LENGTH = 2048;

  private RelayUrlRule() {}

  public static Optional<String> problem(
      Environment environment, String where, URI url, boolean allowHttpLoopback) {
    if (url == null) {
      return Optional.of(where + " is required");
    }
    String text = url.toString();
    if (text.length() > MAX_URL_LENGTH) {
      return Optional.of(where + " is longer than " + MAX_URL_LENGTH + " characters");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute()
        || url.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      return Optional.of(where + " must be an absolute https:// URL, not '" + text + "'");
    }
    if (url.getRawUserInfo() != null) {
      return Optional.of(where + " must not carry credentials (user:password@)");
    }
    if (url.getRawFragment() != null) {
      return Optional.of(where + " must not have a #fragment");
    }
    if (scheme.equals("https")) {
      return Optional.empty();
    }
    if (!loopback(url.getHost())) {
      return Optional.of(
          where + " must be https:// (http:// is accepted only to a loopback address)");
    }
    if (environment != Environment.LOCAL && !allowHttpLoopback) {
      return Optional.of(
          where
              + " is http:// to loopback: outside local that needs --relay-allow-http-loopback"
              + " (e.g. an app on the same host)");
    }
    return Optional.empty();
  }

  static boolean loopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || bare.equals("::1");
  }
}
