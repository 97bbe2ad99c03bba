package dev.terraauth.gateway.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A person's browser, reduced to what the emulator's widget needs: GET, form POST, redirects. */
final class Browser {
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  record Page(int status, String location, String body) {}

  Page get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return page(response);
  }

  Page post(String url, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                entry ->
                    URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return page(response);
  }

  private static Page page(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElse(null);
    if (location != null) {
      location = response.uri().resolve(location).toString();
    }
    return new Page(response.statusCode(), location, response.body());
  }

  /**
   * Picks {@code provider} in the widget at {@code widgetUrl}, then approves (or denies) on the
   * emulated provider's consent page; returns the redirect Terra sends the browser to.
   */
  Page connect(String widgetUrl, String provider, String account, boolean approve)
      throws Exception {
    Page chosen = get(widgetUrl + "/connect/" + provider);
    if (chosen.status() != 302) {
      return chosen;
    }
    String consent = chosen.location();
    get(consent);
    return approve
        ? post(consent + "/approve", Map.of("account", account))
        : post(consent + "/deny", Map.of("reason", "access_denied"));
  }

  /** One query parameter of a URL (decoded), or null. */
  static String queryParameter(String url, String name) {
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
