package dev.terraauth.core.client;

import dev.terraauth.core.config.TerraCredentials;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What every Terra client is configured with: credentials, timeouts, retries and the clock, sleeper
 * and jitter the retries use. Defaults: connect timeout 5 s, request timeout 10 s, call timeout 30
 * s, {@link RetryPolicy#DEFAULT}. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
  TerraCredentials credentials;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(10);
  private Duration callTimeout = Duration.ofSeconds(30);
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.system();
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

  ClientBuilder() {}

  abstract B self();

  /**
   * The environment's credentials and endpoints (required).
   *
   * @param credentials the environment's credentials and endpoints (required)
   * @return this builder
   */
  public B credentials(TerraCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return self();
  }

  /**
   * Time allowed to establish a connection.
   *
   * @param timeout time allowed to establish a connection
   * @return this builder
   */
  public B connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return self();
  }

  /**
   * Time allowed for one attempt (request sent to body received).
   *
   * @param timeout time allowed for one attempt (request sent to body received)
   * @return this builder
   */
  public B requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "requestTimeout");
    return self();
  }

  /**
   * Time allowed for a whole method call, all attempts and waits included.
   *
   * @param timeout time allowed for a whole method call, all attempts and waits included
   * @return this builder
   */
  public B callTimeout(Duration timeout) {
    this.callTimeout = positive(timeout, "callTimeout");
    return self();
  }

  /**
   * When and how often a failed attempt is repeated.
   *
   * @param retryPolicy when and how often a failed attempt is repeated
   * @return this builder
   */
  public B retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return self();
  }

  /**
   * The clock for deadlines, expiries and {@code Retry-After} dates.
   *
   * @param clock the clock for deadlines, expiries and {@code Retry-After} dates
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * What waits between retries (tests record instead of sleeping).
   *
   * @param sleeper what waits between retries (tests record instead of sleeping)
   * @return this builder
   */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return self();
  }

  /**
   * The source of backoff jitter, values in [0, 1).
   *
   * @param random the source of backoff jitter, values in [0, 1)
   * @return this builder
   */
  public B jitter(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random, "random");
    return self();
  }

  /**
   * The credentials, checked.
   *
   * @throws IllegalStateException when no credentials were given
   */
  TerraCredentials requiredCredentials() {
    if (credentials == null) {
      throw new IllegalStateException("credentials are required: builder().credentials(...)");
    }
    return credentials;
  }

  /** The HTTP plumbing for {@code credentials}: one JDK client, HTTP/1.1, no redirects. */
  TerraHttp http(TerraCredentials credentials) {
    HttpClient httpClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new TerraHttp(
        httpClient, credentials, retryPolicy, requestTimeout, callTimeout, clock, sleeper, random);
  }

  private static Duration positive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return duration;
  }
}
