package dev.terraauth.testing.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class: Debian's {@code chromium} and {@code chromium-driver} (or
 * {@code TERRAAUTH_CHROMIUM} / {@code TERRAAUTH_CHROMEDRIVER}), named explicitly so Selenium never
 * downloads a browser or a driver. Without them the calling test is skipped (a JUnit assumption),
 * never passed. Screenshots go to {@code target/screenshots/}.
 *
 * <pre>{@code
 * static HeadlessChromium browser;
 * @BeforeAll static void open() { browser = HeadlessChromium.startOrSkip(); }
 * @AfterAll static void close() { if (browser != null) browser.close(); }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  /** Starts the browser, or skips the calling test (class) when Chromium is not installed. */
  public static HeadlessChromium startOrSkip() {
    Path chromium = configured("TERRAAUTH_CHROMIUM", DEFAULT_CHROMIUM);
    Path chromedriver = configured("TERRAAUTH_CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
    assumeTrue(
        Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
        "browser tests skipped: install Debian's chromium and chromium-driver ("
            + chromium
            + ", "
            + chromedriver
            + ")");
    Path profile;
    try {
      profile = Files.createTempDirectory("terraauth-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // no internet here: without the background-networking flags Chromium retries refused
    // connections (updates, sync, component downloads) for as long as it runs
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(new ChromeDriver(service, options), service, profile);
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** The element once it is visible (15 s at most). */
  public WebElement visible(By locator) {
    return new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Waits (15 s at most) until {@code condition} gives a non-null, non-false value. */
  public <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition::apply);
  }

  /** Resizes the window (a phone is 390 x 844). */
  public void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves the visible page as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets cookies and storage of the current site (between tests of one class). */
  public void forgetSite() {
    driver.manage().deleteAllCookies();
    driver.executeScript("try { sessionStorage.clear(); localStorage.clear(); } catch (e) {}");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static Path configured(String variable, Path fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }

  private static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // a profile file Chromium still holds: the temp directory is cleaned later
                }
              });
    } catch (IOException e) {
      // nothing left to clean
    }
  }
}
