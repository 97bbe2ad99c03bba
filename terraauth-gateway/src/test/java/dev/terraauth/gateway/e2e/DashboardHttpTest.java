package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's sign-in, cookies and CSRF, the security headers and problem+json for routing
 * errors, over HTTP against a deployed-style gateway (testing environment, so cookies are Secure).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardHttpTest {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir static Path directory;
  static TestDatabase database;
  static Stack stack;

  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    database = TestDatabase.sqlite(directory);
    stack = new Stack(database.database());
  }

  @AfterAll
  static void stop() {
    stack.close();
    database.close();
  }

  @Test
  @Order(1)
  void unknownRoutesWrongMethodsAndHugeBodiesAreProblemJsonWithSecurityHeaders() throws Exception {
    HttpResponse<String> missing = send("GET", "/no/such/page", null, null, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(missing.body()).contains("\"status\":404").contains("GET /no/such/page");
    securityHeaders(missing);

    HttpResponse<String> wrongMethod = send("PUT", "/api/terra/connections", null, null, "{}");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    assertThat(wrongMethod.body()).contains("PUT /api/terra/connections is not allowed");
    securityHeaders(wrongMethod);

    HttpResponse<String> huge =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.base + "/admin/relay/endpoints"))
                .header("Authorization", "Bearer " + Stack.ADMIN_TOKEN.reveal())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"" + "a".repeat(2_000_000) + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(huge.body()).contains("too large");

    HttpResponse<String> script = send("GET", "/assets/dashboard.js", null, null, null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/javascript");
    assertThat(send("GET", "/assets/..%2Fstart.html", null, null, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(2)
  void signInExchangesTheTokenForAStrictHttpOnlySecureCookie() throws Exception {
    HttpResponse<String> home = send("GET", "/admin", null, null, null);
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location")).hasValue("/admin/sign-in");
    assertThat(
            send("GET", "/admin/ui/connections", null, null, null).headers().firstValue("Location"))
        .hasValue("/admin/sign-in");

    HttpResponse<String> form = send("GET", "/admin/sign-in", null, null, null);
    assertThat(form.statusCode()).isEqualTo(200);
    String signInCookie = cookie(form, "terraauth_admin_signin");
    String field = csrf(form.body());
    assertThat(field).isEqualTo(signInCookie);

    // without the sign-in cookie (a form posted from another site): refused, nothing issued
    HttpResponse<String> crossSite =
        send(
            "POST",
            "/admin/sign-in",
            null,
            null,
            "_csrf=" + field + "&token=" + Stack.ADMIN_TOKEN.reveal());
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("terraauth_admin="));

    String pre = "terraauth_admin_signin=" + signInCookie;
    HttpResponse<String> wrong =
        send("POST", "/admin/sign-in", pre, null, "_csrf=" + field + "&token=wrong-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not this gateway&#39;s admin token");

    HttpResponse<String> signedIn =
        send(
            "POST",
            "/admin/sign-in",
            pre,
            null,
            "_csrf=" + field + "&token=" + Stack.ADMIN_TOKEN.reveal());
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/admin/ui/connections");
    String setCookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("terraauth_admin="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Secure")
        .contains("Max-Age=28800")
        .contains("Path=/admin")
        .doesNotContain(Stack.ADMIN_TOKEN.reveal());
    String session = "terraauth_admin=" + cookie(signedIn, "terraauth_admin");

    HttpResponse<String> page = send("GET", "/admin/ui/connections", session, null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.body())
        .contains("<h1>Connections</h1>")
        .doesNotContain(Stack.ADMIN_TOKEN.reveal());
    securityHeaders(page);
    for (String section : List.of("sessions", "deliveries", "credentials", "relay", "reconcile")) {
      assertThat(send("GET", "/admin/ui/" + section, session, null, null).statusCode())
          .as(section)
          .isEqualTo(200);
    }

    // a tampered cookie is no session
    String tampered =
        session.substring(0, session.length() - 2) + (session.endsWith("A") ? "BB" : "AA");
    assertThat(send("GET", "/admin/ui/connections", tampered, null, null).statusCode())
        .isEqualTo(303);

    // state changes need the form's CSRF token, and a browser's Origin must be this gateway
    String token = csrf(page.body());
    assertThat(send("POST", "/admin/ui/reconcile", session, null, "").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/admin/ui/reconcile", session, null, "_csrf=forged").statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "/admin/ui/reconcile", session, "https://evil.example", "_csrf=" + token)
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> started =
        send("POST", "/admin/ui/reconcile", session, null, "_csrf=" + token);
    assertThat(started.statusCode()).isEqualTo(303);
    assertThat(started.headers().firstValue("Location").orElseThrow())
        .startsWith("/admin/ui/reconcile?job=");

    // signing out ends the session even for someone who kept the cookie
    assertThat(send("POST", "/admin/sign-out", session, null, "_csrf=" + token).statusCode())
        .isEqualTo(303);
    assertThat(send("GET", "/admin/ui/connections", session, null, null).statusCode())
        .isEqualTo(303);

    // the JSON admin API keeps its bearer token and ignores the cookie
    assertThat(send("GET", "/admin/connections", session, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void guessingTheTokenIsSlowedDown() throws Exception {
    HttpResponse<String> form = send("GET", "/admin/sign-in", null, null, null);
    String pre = "terraauth_admin_signin=" + cookie(form, "terraauth_admin_signin");
    String body = "_csrf=" + csrf(form.body()) + "&token=guess";
    int status = 0;
    for (int attempt = 0; attempt < 12 && status != 429; attempt++) {
      status = send("POST", "/admin/sign-in", pre, null, body).statusCode();
    }
    HttpResponse<String> limited = send("POST", "/admin/sign-in", pre, null, body);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
  }

  private HttpResponse<String> send(
      String method, String path, String cookie, String origin, String form) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.base + path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    if (form != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    request.method(
        method,
        form == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(form));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void securityHeaders(HttpResponse<String> response) {
    String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy)
        .contains("frame-ancestors 'none'")
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  private static String cookie(HttpResponse<String> response, String name) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      if (header.startsWith(name + "=")) {
        return header.substring(name.length() + 1, header.indexOf(';'));
      }
    }
    throw new AssertionError(
        "no Set-Cookie " + name + " in " + response.headers().allValues("Set-Cookie"));
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertThat(matcher.find()).as("a _csrf field in the page").isTrue();
    return matcher.group(1);
  }
}
