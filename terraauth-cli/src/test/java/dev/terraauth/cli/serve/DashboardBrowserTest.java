package dev.terraauth.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The operator dashboard in headless Chromium against a real {@code serve}: sign-in, what it shows
 * of a connection, its deliveries and a forged webhook, and CSRF. One browser, one serve.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  @TempDir static Path workingDirectory;

  static HeadlessChromium browser;
  static LocalServe serve;
  static String terraUserId;
  static final String USER = "frank-dashboard";

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    browser = HeadlessChromium.startOrSkip();
    serve = new LocalServe(workingDirectory);
  }

  @AfterAll
  static void stop() {
    if (serve != null) {
      serve.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void signInShowsTheConnectionItsDeliveriesAndARefusedForgery() throws Exception {
    connectGarmin();
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(serve.base() + "/webhooks/terra"))
                .header("Content-Type", "application/json")
                .header(
                    "terra-signature",
                    "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64))
                .header("X-Terra-Trace-Id", "forged-trace-0001")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"deauth\",\"status\":\"success\",\"user\":{\"user_id\":\""
                            + terraUserId
                            + "\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(401);

    browser.open(serve.base() + "/admin");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/sign-in");
    browser.screenshot("dashboard-sign-in");
    browser.visible(By.name("token")).sendKeys("not-the-admin-token");
    browser.driver().findElement(By.cssSelector("button.primary")).click();
    assertThat(browser.visible(By.cssSelector(".problem")).getText())
        .contains("not this gateway's admin token");

    signIn();
    assertThat(browser.driver().getCurrentUrl())
        .endsWith("/admin/ui/connections")
        .doesNotContain(LocalServe.ADMIN_TOKEN);
    Cookie session = browser.driver().manage().getCookieNamed("terraauth_admin");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(session.getExpiry()).isNotNull();
    assertThat(session.getValue()).doesNotContain(LocalServe.ADMIN_TOKEN);

    WebElement row = browser.visible(By.xpath("//tr[contains(., '" + terraUserId + "')]"));
    assertThat(row.getText()).contains("GARMIN").contains("active").contains(USER);
    row.findElement(By.tagName("summary")).click();
    assertThat(row.findElement(By.cssSelector(".history")).getText())
        .contains("auth")
        .contains("verified with");
    WebElement time = row.findElement(By.tagName("time"));
    assertThat(time.getAttribute("title")).endsWith("UTC");
    browser.screenshot("dashboard-connections");

    browser.driver().findElement(By.linkText("Deliveries")).click();
    WebElement refused = browser.visible(By.cssSelector("table.refused"));
    assertThat(refused.getText()).contains("forged-trace-0001").contains("signature");
    WebElement stored = browser.visible(By.xpath("//h2[@id='stored']/following-sibling::table[1]"));
    assertThat(stored.getText()).contains("auth").contains("applied").contains(terraUserId);
    browser.screenshot("dashboard-deliveries");

    browser.driver().findElement(By.linkText("Sessions")).click();
    assertThat(browser.visible(By.cssSelector("table.rows")).getText())
        .contains("widget")
        .contains("completed");
    browser.screenshot("dashboard-sessions");

    browser.driver().findElement(By.linkText("Credentials")).click();
    WebElement credentials = browser.visible(By.cssSelector("section.card"));
    assertThat(credentials.getText()).contains("local").contains("healthy").contains("fingerprint");
    browser.screenshot("dashboard-credentials");

    browser.size(390, 844);
    browser.driver().findElement(By.linkText("Connections")).click();
    browser.visible(By.cssSelector("table.rows"));
    browser.screenshot("dashboard-phone");
    browser.size(1280, 900);
  }

  @Test
  @Order(2)
  void aFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
    browser.open(serve.base() + "/admin/ui/reconcile");
    if (browser.driver().getCurrentUrl().endsWith("/sign-in")) {
      signIn();
      browser.open(serve.base() + "/admin/ui/reconcile");
    }
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "const form = document.querySelector('main form');"
                + " form.querySelector('input[name=_csrf]').remove(); form.submit();");
    assertThat(browser.visible(By.cssSelector(".problem")).getText())
        .contains("CSRF token")
        .contains("nothing was done");
    browser.screenshot("dashboard-csrf-refused");

    // the same post outside the browser, with the session cookie but without the token
    String cookie = browser.driver().manage().getCookieNamed("terraauth_admin").getValue();
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(URI.create(serve.base() + "/admin/ui/reconcile"))
                .header("Cookie", "terraauth_admin=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=forged"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);

    browser.open(serve.base() + "/admin/ui/reconcile");
    browser.visible(By.cssSelector("main form button.primary")).click();
    WebElement job =
        browser.until(
            driver ->
                driver.findElements(By.cssSelector("#job")).stream()
                    .filter(element -> element.getText().contains("done"))
                    .findFirst()
                    .orElse(null));
    assertThat(job.getText()).contains("Terra users listed").contains("changes");
    browser.screenshot("dashboard-reconcile");
  }

  @Test
  @Order(3)
  void theRelayPageShowsEndpointsAttemptsAndReplays() throws Exception {
    java.util.concurrent.atomic.AtomicInteger received =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer app =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/terra-events",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    app.start();
    try {
      String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/terra-events";
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(serve.base() + "/admin/relay/endpoints"))
                  .header("Authorization", "Bearer " + LocalServe.ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"url\":\"" + url + "\",\"description\":\"the app\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      serve.emulator().admin().changePermissions(terraUserId, "daily", "");
      browser.until(driver -> received.get() >= 1);

      browser.open(serve.base() + "/admin/ui/relay");
      if (browser.driver().getCurrentUrl().endsWith("/sign-in")) {
        signIn();
        browser.open(serve.base() + "/admin/ui/relay");
      }
      WebElement endpoint = browser.visible(By.xpath("//tr[contains(., '" + url + "')]"));
      assertThat(endpoint.getText()).contains("the app").contains("healthy");
      browser.screenshot("dashboard-relay");
      endpoint.findElement(By.tagName("a")).click();
      WebElement attempt = browser.visible(By.cssSelector("table.rows tbody tr"));
      assertThat(attempt.getText()).contains("permission_change").contains("HTTP 204");
      attempt.findElement(By.cssSelector("button.replay")).click();
      assertThat(browser.visible(By.cssSelector("p.card[role=status]")).getText())
          .contains("Replayed 1 message");
      browser.until(driver -> received.get() >= 2);
      browser.screenshot("dashboard-relay-endpoint");
    } finally {
      app.stop(0);
    }
  }

  private void signIn() {
    browser.open(serve.base() + "/admin/sign-in");
    browser.visible(By.name("token")).sendKeys(LocalServe.ADMIN_TOKEN);
    browser.driver().findElement(By.cssSelector("button.primary")).click();
    browser.visible(By.cssSelector("nav a[aria-current=page]"));
  }

  private void connectGarmin() {
    browser.open(serve.base() + "/");
    browser.visible(By.id("name")).sendKeys(USER);
    browser.driver().findElement(By.cssSelector("#login button")).click();
    browser.visible(By.id("connect")).click();
    browser.visible(By.cssSelector("a.tile[data-provider=GARMIN]")).click();
    browser.visible(By.cssSelector("button.approve")).click();
    WebElement active =
        browser.until(
            driver ->
                driver
                    .findElements(
                        By.cssSelector(".connection[data-provider=GARMIN][data-state=active]"))
                    .stream()
                    .findFirst()
                    .orElse(null));
    terraUserId = active.findElement(By.cssSelector(".meta code")).getText();
  }
}
