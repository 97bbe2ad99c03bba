package dev.terraauth.emulator.junit;

import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.EmulatorAdmin;
import dev.terraauth.emulator.TerraEmulator;
import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link TerraEmulator} on a free port for JUnit 5 tests, in the manner of MockWebServer's and
 * stripe-mock's extensions:
 *
 * <pre>{@code
 * @RegisterExtension
 * static TerraEmulatorExtension terra = TerraEmulatorExtension.create();
 *
 * @Test
 * void connects() {
 *   URI api = terra.apiBaseUrl();           // http://127.0.0.1:<port>/api/v2
 *   terra.admin().deliveries();
 * }
 * }</pre>
 *
 * <p>In a {@code static} field the emulator runs once for the test class; in an instance field it
 * is started fresh for every test. Test methods and lifecycle methods may also take a {@link
 * TerraEmulator} parameter. The built-in {@code local} account is always present; configure more
 * with {@link #configure}. Thread-safe to read once started.
 */
public final class TerraEmulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final UnaryOperator<TerraEmulator.Builder> configuration;
  private volatile TerraEmulator emulator;
  private volatile boolean perClass;

  private TerraEmulatorExtension(UnaryOperator<TerraEmulator.Builder> configuration) {
    this.configuration = configuration;
  }

  /** {@return an emulator with the built-in {@code local} account, on port 0 (a free port)} */
  public static TerraEmulatorExtension create() {
    return new TerraEmulatorExtension(UnaryOperator.identity());
  }

  /**
   * An emulator configured by the given function, e.g. {@code builder -> builder.account(...)}.
   * Port 0 is set before the function runs; it may choose another port.
   *
   * @param configuration adds accounts, faults, quirks or a profile to the builder
   * @return the extension, to register with {@code @RegisterExtension}
   */
  public static TerraEmulatorExtension configure(
      UnaryOperator<TerraEmulator.Builder> configuration) {
    return new TerraEmulatorExtension(Objects.requireNonNull(configuration, "configuration"));
  }

  /**
   * The running emulator.
   *
   * @return the emulator of the current test class or test
   * @throws IllegalStateException outside a test (before JUnit started it or after it stopped)
   */
  public TerraEmulator emulator() {
    TerraEmulator running = emulator;
    if (running == null) {
      throw new IllegalStateException(
          "the Terra emulator is not running: register the extension with @RegisterExtension"
              + " and use it inside a test or lifecycle method");
    }
    return running;
  }

  /**
   * The REST base of the running emulator.
   *
   * @return e.g. {@code http://127.0.0.1:<port>/api/v2}
   */
  public URI apiBaseUrl() {
    return emulator().apiBaseUrl();
  }

  /**
   * The new widget session endpoint of the running emulator.
   *
   * @return e.g. {@code http://127.0.0.1:<port>/api/widget/session}
   */
  public URI widgetSessionUrl() {
    return emulator().widgetSessionUrl();
  }

  /**
   * The admin handle of the running emulator (users, deliveries, clock, faults).
   *
   * @return the admin handle
   */
  public EmulatorAdmin admin() {
    return emulator().admin();
  }

  /**
   * Points an account's webhooks at a receiver, e.g. the application under test.
   *
   * @param devId the account, e.g. {@link EmulatorAccount#LOCAL_DEV_ID}
   * @param url where the emulator posts signed webhooks
   */
  public void deliverWebhooksTo(String devId, URI url) {
    if (!admin().setWebhookUrl(devId, url)) {
      throw new IllegalArgumentException("the emulator has no account with dev-id " + devId);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TerraEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }

  private void start() {
    emulator = configuration.apply(TerraEmulator.builder().port(0)).start();
  }

  private void stop() {
    TerraEmulator running = emulator;
    emulator = null;
    if (running != null) {
      running.close();
    }
  }
}
