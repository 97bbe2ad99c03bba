package dev.terraauth.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the hosted pages as a browser would: GET pages, submit forms, follow redirects by hand
 * (stopping at the first URL outside the emulator, which is where the app would take over).
 */
final class Browser {
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI root;

  Browser(URI root) {
    this.root = root;
  }

  /** A page or redirect. {@code location} is absolute when set. */
  record Page(int status, String html, String location) {
    /** Links whose text or target contains {@code fragment}. */
    List<String> links() {
      return matches(HREF);
    }

    List<String> formActions() {
      return matches(ACTION);
    }

    private List<String> matches(Pattern pattern) {
      Matcher matcher = pattern.matcher(html);
      List<String> found = new java.util.ArrayList<>();
      while (matcher.find()) {
        found.add(matcher.group(1).replace("&amp;", "&"));
      }
      return found;
    }

    String formAction(String suffix) {
      return formActions().stream()
          .filter(action -> action.endsWith(suffix))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no form ending " + suffix + " in " + html));
    }
  }

  Page get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(resolve(url)).GET().build());
  }

  Page post(String url, Map<String, String> form) throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(e -> Html.encode(e.getKey()) + "=" + Html.encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(resolve(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Follows redirects while they stay on the emulator; returns the last page or exit redirect. */
  Page follow(Page page) throws IOException, InterruptedException {
    Page current = page;
    while (current.location() != null && current.location().startsWith(root.toString())) {
      current = get(current.location());
    }
    return current;
  }

  private Page send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String location = response.headers().firstValue("Location").orElse(null);
    if (location != null && location.startsWith("/")) {
      location = root.resolve(location).toString();
    }
    return new Page(response.statusCode(), response.body(), location);
  }

  private URI resolve(String url) {
    return url.startsWith("/") ? root.resolve(url) : URI.create(url);
  }

  /** The query parameters of a URL, decoded, in order. */
  static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
