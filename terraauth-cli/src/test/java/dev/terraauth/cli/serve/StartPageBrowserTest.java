package dev.terraauth.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.emulator.EmulatedUser;
import dev.terraauth.emulator.Faults;
import dev.terraauth.testing.browser.HeadlessChromium;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The local start page as a person uses it, in headless Chromium against a real {@code serve}: one
 * browser and one serve for the class (the last test restarts serve over the same data).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartPageBrowserTest {
  @TempDir static Path workingDirectory;

  static HeadlessChromium browser;
  static LocalServe serve;
  static final AtomicInteger USERS = new AtomicInteger();

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

  @BeforeEach
  void freshBrowser() {
    browser.open(serve.base() + "/");
    browser.forgetSite();
    browser.open(serve.base() + "/");
    serve.emulator().admin().clearFaults();
  }

  @Test
  @Order(1)
  void connectApproveSeeItActiveThenDisconnectWithConfirmation() {
    signIn("alice");
    browser.screenshot("start-signed-in");
    browser.visible(By.id("connect")).click();

    browser.visible(By.cssSelector("a.tile[data-provider=GARMIN]"));
    assertThat(browser.driver().findElement(By.cssSelector(".emulator-banner")).getText())
        .contains("not Terra");
    assertThat(logoLoaded("a.tile[data-provider=GARMIN] img")).isTrue();
    browser.screenshot("emulator-widget");
    browser.driver().findElement(By.cssSelector("a.tile[data-provider=GARMIN]")).click();

    browser.visible(By.cssSelector("button.approve"));
    assertThat(browser.driver().findElement(By.cssSelector(".scopes")).getText())
        .contains("ACTIVITY_EXPORT");
    browser.screenshot("emulator-consent");
    browser.driver().findElement(By.cssSelector("button.approve")).click();

    WebElement active = connection("GARMIN", "active");
    assertThat(active.getText()).contains("Connected");
    assertThat(browser.visible(By.id("returned")).getText()).contains("Connected");
    assertThat(syncLine()).contains("nothing pending");
    browser.screenshot("start-connected");

    // Disconnect asks first; "Keep it" keeps it
    active.findElement(By.cssSelector("button.disconnect")).click();
    assertThat(browser.visible(By.id("confirm")).getText()).contains("Disconnect Garmin?");
    browser.screenshot("start-disconnect-confirm");
    browser.driver().findElement(By.id("confirm-no")).click();
    browser.until(driver -> !driver.findElement(By.id("confirm")).isDisplayed());
    assertThat(connection("GARMIN", "active")).isNotNull();

    connection("GARMIN", "active").findElement(By.cssSelector("button.disconnect")).click();
    browser.visible(By.id("confirm-yes")).click();
    WebElement gone = connection("GARMIN", "deauthenticated");
    assertThat(gone.getText()).contains("Disconnected");
    assertThat(gone.findElement(By.cssSelector("button.reconnect")).isDisplayed()).isTrue();
    browser.screenshot("start-disconnected");
  }

  @Test
  @Order(2)
  void aDeniedConsentSaysSoWithTerrasReason() {
    signIn("bob");
    browser.visible(By.id("connect")).click();
    browser.visible(By.cssSelector("a.tile[data-provider=FITBIT]")).click();
    new Select(browser.visible(By.name("reason"))).selectByValue("missing_scopes");
    browser.driver().findElement(By.cssSelector("button.deny")).click();

    WebElement returned = browser.visible(By.id("returned"));
    assertThat(returned.getAttribute("class")).contains("alert-error");
    assertThat(returned.getText())
        .contains("Connecting Fitbit failed")
        .contains("missing_scopes")
        .doesNotContain("appears below");
    assertThat(browser.driver().findElement(By.id("returned-retry")).isDisplayed()).isTrue();
    // the webhook (auth_cancelled) confirms it, with the same reason
    browser.until(
        driver ->
            driver.findElements(By.cssSelector(".session[data-status=failed]")).stream()
                .anyMatch(session -> session.getText().contains("missing_scopes")));
    browser.screenshot("start-denied");
  }

  @Test
  @Order(3)
  void anErrorFromTerraStaysVisible() throws InterruptedException {
    serve
        .emulator()
        .admin()
        .setFaults(
            Faults.ofRoutes(
                Faults.RouteFault.always("generateWidgetSession", Faults.Kind.HTTP_503),
                Faults.RouteFault.always("widgetSession", Faults.Kind.HTTP_503)));
    signIn("carol");
    browser.visible(By.id("connect")).click();

    WebElement error = browser.visible(By.id("error"));
    assertThat(error.getText()).contains("Could not start connecting").contains("503");
    Thread.sleep(10_000); // the old page wiped it after 1.6 s; the issue asks for 10 s
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).contains("503");
    browser.screenshot("start-error-after-10s");

    browser.driver().findElement(By.id("dismiss-error")).click();
    assertThat(error.isDisplayed()).isFalse();
  }

  @Test
  @Order(4)
  void appleHealthSaysItFinishesInTheMobileSdk() {
    signIn("dave");
    browser.visible(By.id("connect")).click();
    WebElement apple = browser.visible(By.cssSelector("a.tile[data-provider=APPLE]"));
    assertThat(apple.getText()).contains("in the mobile app");
    apple.click();

    WebElement returned = browser.visible(By.id("returned"));
    assertThat(returned.getAttribute("class")).contains("alert-warn");
    assertThat(returned.getText())
        .contains("Apple Health is a mobile-SDK source")
        .contains("not in a browser")
        .doesNotContain("success");
    browser.until(
        driver -> driver.findElement(By.id("sessions")).getText().contains("finishes in the app"));
    // nothing will come to this browser: the page does not keep polling for it
    assertThat(syncLine()).contains("nothing pending");
    browser.screenshot("start-apple-health");
  }

  @Test
  @Order(5)
  void afterARestartThePageAndTheDashboardAgreeWithTheEmulator() {
    String erin = signIn("erin");
    browser.visible(By.id("connect")).click();
    browser.visible(By.cssSelector("a.tile[data-provider=OURA]")).click();
    browser.visible(By.cssSelector("button.approve")).click();
    connection("OURA", "active");
    String terraUserId = terraUserId("OURA");

    serve.restart();

    // the emulator still knows the user, so the gateway's "active" is still true
    List<EmulatedUser> users = serve.emulator().admin().users();
    assertThat(users)
        .filteredOn(user -> user.userId().equals(terraUserId))
        .singleElement()
        .satisfies(user -> assertThat(user.active()).isTrue());
    browser.open(serve.base() + "/");
    browser.forgetSite();
    browser.open(serve.base() + "/");
    signInAs(erin);
    assertThat(connection("OURA", "active").getText()).contains(terraUserId);

    browser.open(serve.base() + "/admin");
    browser.visible(By.name("token")).sendKeys(LocalServe.ADMIN_TOKEN);
    browser.driver().findElement(By.cssSelector("button.primary")).click();
    browser.screenshot("dashboard-signed-in-after-restart");
    browser.visible(By.name("q")).sendKeys(terraUserId);
    browser.driver().findElement(By.cssSelector(".search button")).click();
    WebElement row = browser.visible(By.cssSelector("table.rows tbody tr"));
    assertThat(row.getText()).contains(terraUserId).contains("active").contains(erin);
    browser.screenshot("dashboard-after-restart");
  }

  /** Signs in as a new user named after {@code name}; returns the name used. */
  private String signIn(String name) {
    String unique = name + "-" + USERS.incrementAndGet();
    signInAs(unique);
    return unique;
  }

  private void signInAs(String name) {
    browser.visible(By.id("name")).sendKeys(name);
    browser.driver().findElement(By.cssSelector("#login button")).click();
    browser.visible(By.id("signed-in"));
  }

  private WebElement connection(String provider, String state) {
    return browser.until(
        driver ->
            driver
                .findElements(
                    By.cssSelector(
                        ".connection[data-provider=" + provider + "][data-state=" + state + "]"))
                .stream()
                .findFirst()
                .orElse(null));
  }

  private String terraUserId(String provider) {
    return browser
        .driver()
        .findElement(By.cssSelector(".connection[data-provider=" + provider + "] .meta code"))
        .getText();
  }

  private String syncLine() {
    return browser.until(
        driver -> {
          String text = driver.findElement(By.id("sync")).getText();
          return text.contains("nothing pending") ? text : null;
        });
  }

  private boolean logoLoaded(String selector) {
    Object complete =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
            .executeScript(
                "const i = document.querySelector(arguments[0]);"
                    + " return i.complete && i.naturalWidth > 0;",
                selector);
    return Boolean.TRUE.equals(complete);
  }
}
