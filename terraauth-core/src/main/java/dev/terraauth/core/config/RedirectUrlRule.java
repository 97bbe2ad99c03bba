package dev.terraauth.core.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs a browser may be sent to or reach us through: outside {@code local} only {@code
 * https://} (and, where Terra documents them, app deep links such as {@code myapp://done}); {@code
 * local} also allows {@code http://} to a loopback host. Tokens, user ids and sessions travel in
 * these URLs, so plain http outside one machine would expose them. Stateless and thread-safe.
 */
public final class RedirectUrlRule {
  /** Schemes that are never an app's deep link: they run code or read local data in a browser. */
  private static final Set<String> NEVER =
      Set.of("javascript", "data", "file", "vbscript", "blob", "about", "filesystem", "ws", "wss");

  private RedirectUrlRule() {}

  /** Whether an app deep link may stand in for a web URL (Terra's redirects: yes). */
  public enum DeepLinks {
    /** App deep links are accepted. */
    ALLOWED,
    /** Only web URLs are accepted. */
    REFUSED
  }

  /**
   * {@return what is wrong with {@code url} as {@code setting} in {@code environment}, or empty
   * when it is acceptable} The text names the setting, the rule and the fix.
   *
   * @param environment the environment the URL is used in
   * @param setting the setting's name, as the message shows it
   * @param url the URL, or null
   * @param deepLinks whether app deep links ({@code myapp://done}) are allowed here
   */
  public static Optional<String> problem(
      Environment environment, String setting, URI url, DeepLinks deepLinks) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      return Optional.of(setting + " must be an absolute URL (https://...)");
    }
    if (scheme.equals("https")) {
      return url.getHost() == null
          ? Optional.of(setting + " must name a host (https://host/...)")
          : Optional.empty();
    }
    if (scheme.equals("http")) {
      if (environment == Environment.LOCAL) {
        return ValueChecks.isLoopback(url)
            ? Optional.empty()
            : Optional.of(
                setting
                    + " may use http:// only for a loopback host (127.0.0.1, localhost, [::1]) in"
                    + " local; use https:// for "
                    + url.getHost());
      }
      return Optional.of(
          setting
              + " must use https:// outside local ("
              + environment.id()
              + "): plain http would expose the user's session and ids in transit");
    }
    if (deepLinks == DeepLinks.ALLOWED && !NEVER.contains(scheme)) {
      return Optional.empty(); // myapp://done: Terra documents deep links as redirect targets
    }
    return Optional.of(
        setting
            + " must be an https:// URL"
            + (deepLinks == DeepLinks.ALLOWED ? " or an app deep link (myapp://...)" : "")
            + ", not "
            + scheme
            + ":");
  }

  /**
   * Checks {@code url} (null passes: the setting is optional).
   *
   * @param environment the environment the URL is used in
   * @param setting the setting's name, as the message shows it
   * @param url the URL, or null
   * @param deepLinks whether app deep links ({@code myapp://done}) are allowed here
   * @throws IllegalArgumentException naming the setting and the rule
   */
  public static void require(
      Environment environment, String setting, URI url, DeepLinks deepLinks) {
    if (url != null) {
      problem(environment, setting, url, deepLinks)
          .ifPresent(
              message -> {
                throw new IllegalArgumentException(message);
              });
    }
  }
}
