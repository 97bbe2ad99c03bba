package dev.terraauth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one HTTP browser of the tests: GETs pages, submits forms and follows redirects by hand, so a
 * test sees every hop (where the emulator's widget hands over to the app). Without a root, URLs
 * must be absolute. Not thread-safe per page flow; one instance may serve a whole test class.
 */
public final class Browser {
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI root;

  /** A browser for absolute URLs. */
  public Browser() {
    this(null);
  }

  /** A browser that resolves URLs starting with {@code /} against {@code root}. */
  public Browser(URI root) {
    this.root = root;
  }

  /** A page or a redirect; {@code location} is absolute when set. */
  public record Page(int status, String body, String location) {
    /** The targets of the page's links, {@code &amp;} decoded. */
    public List<String> links() {
      return matches(HREF);
    }

    /** The actions of the page's forms, {@code &amp;} decoded. */
    public List<String> formActions() {
      return matches(ACTION);
    }

    /** The one form action ending in {@code suffix}; fails the test naming the page otherwise. */
    public String formAction(String suffix) {
      return formActions().stream()
          .filter(action -> action.endsWith(suffix))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no form ending " + suffix + " in " + body));
    }

    private List<String> matches(Pattern pattern) {
      Matcher matcher = pattern.matcher(body);
      List<String> found = new ArrayList<>();
      while (matcher.find()) {
        found.add(matcher.group(1).replace("&amp;", "&"));
      }
      return found;
    }
  }

  public Page get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(resolve(url)).GET().build());
  }

  /** Submits {@code form} as {@code application/x-www-form-urlencoded}. */
  public Page post(String url, Map<String, String> form) throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(resolve(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Follows redirects while they stay under the root; returns the last page or exit redirect. */
  public Page follow(Page page) throws IOException, InterruptedException {
    if (root == null) {
      throw new IllegalStateException("follow needs a browser with a root: new Browser(root)");
    }
    Page current = page;
    while (current.location() != null && current.location().startsWith(root.toString())) {
      current = get(current.location());
    }
    return current;
  }

  /**
   * The emulator's widget flow: picks {@code provider} in the widget at {@code widgetUrl}, then
   * approves (or denies) on the emulated provider's consent page; returns the redirect Terra sends
   * the browser to (or the widget's answer when it did not redirect).
   */
  public Page connect(String widgetUrl, String provider, String account, boolean approve)
      throws IOException, InterruptedException {
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

  /** The query parameters of a URL, decoded, in order. */
  public static Map<String, String> query(String url) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private Page send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String location = response.headers().firstValue("Location").orElse(null);
    if (location != null) {
      location = response.uri().resolve(location).toString();
    }
    return new Page(response.statusCode(), response.body(), location);
  }

  private URI resolve(String url) {
    if (url.startsWith("/")) {
      if (root == null) {
        throw new IllegalArgumentException("a relative URL needs a browser with a root: " + url);
      }
      return root.resolve(url);
    }
    return URI.create(url);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
