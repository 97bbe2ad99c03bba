package dev.terraauth.gateway.relay;

import dev.terraauth.core.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the relay pushes and the pull feed answers. Nullable: configured (no {@code --relay-url}),
 * eventsToken (no pull feed).
 *
 * @param retrySchedule the delay before each retry; a message fails for good after the last
 * @param timeout how long one attempt may take (connect + answer)
 * @param concurrency most attempts in flight per endpoint on this instance
 * @param disableAfter an endpoint failing for this long without one success is disabled
 * @param pollEvery how often the database is checked for work other instances queued
 * @param allowHttpLoopback outside local: accept http:// relay URLs to loopback addresses
 * @param rotationGrace how long a rotated-out secret still signs (so receivers can switch)
 * @param leaseMargin how long past the timeout a lease outlives an attempt (clock skew, GC)
 */
public record RelaySettings(
    List<Duration> retrySchedule,
    Duration timeout,
    int concurrency,
    Duration disableAfter,
    Duration pollEvery,
    boolean allowHttpLoopback,
    Duration rotationGrace,
    Duration leaseMargin,
    ConfiguredEndpoint configured,
    Secret eventsToken) {

  /** Standard Webhooks' own schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h. */
  public static final List<Duration> STANDARD_SCHEDULE =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10));

  /** The {@code --relay-url} endpoint; its secrets come from TERRAAUTH_RELAY_SECRET. */
  public record ConfiguredEndpoint(
      URI url, List<RelaySecret> secrets, EventTypeFilter filter, boolean ordered) {
    public ConfiguredEndpoint {
      Objects.requireNonNull(url, "url");
      secrets = List.copyOf(secrets);
      if (secrets.isEmpty()) {
        throw new IllegalArgumentException("the --relay-url endpoint needs a secret");
      }
      filter = filter == null ? EventTypeFilter.ALL : filter;
    }
  }

  public RelaySettings {
    retrySchedule = List.copyOf(retrySchedule);
    for (Duration delay : retrySchedule) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("retry delays must be positive, not " + delay);
      }
    }
    positive(timeout, "relay timeout");
    positive(disableAfter, "relay disable-after");
    positive(pollEvery, "relay poll interval");
    positive(leaseMargin, "relay lease margin");
    if (leaseMargin.compareTo(MIN_LEASE_MARGIN) < 0) {
      // an attempt may start only while its lease outlasts it by a second: with a margin that
      // short, every handed-over message waited in the local queue long enough to miss it, and
      // was sent only after its lease expired
      throw new IllegalArgumentException(
          "the relay lease margin (--relay-lease-margin) must be at least "
              + MIN_LEASE_MARGIN.toSeconds()
              + " s, not "
              + leaseMargin);
    }
    Objects.requireNonNull(rotationGrace, "rotationGrace");
    if (concurrency < 1 || concurrency > 1_000) {
      throw new IllegalArgumentException("relay concurrency must be 1 to 1000, not " + concurrency);
    }
  }

  /** The shortest lease margin: a message must be able to wait a moment for a free slot. */
  public static final Duration MIN_LEASE_MARGIN = Duration.ofSeconds(2);

  public static RelaySettings defaults() {
    return new RelaySettings(
        STANDARD_SCHEDULE,
        Duration.ofSeconds(15),
        16,
        Duration.ofDays(5),
        Duration.ofMillis(250),
        false,
        Duration.ofHours(24),
        Duration.ofSeconds(30),
        null,
        null);
  }

  public RelaySettings withConfigured(ConfiguredEndpoint endpoint, Secret token) {
    return new RelaySettings(
        retrySchedule,
        timeout,
        concurrency,
        disableAfter,
        pollEvery,
        allowHttpLoopback,
        rotationGrace,
        leaseMargin,
        endpoint,
        token);
  }

  public RelaySettings withDelivery(
      List<Duration> schedule, Duration attemptTimeout, int perEndpoint, Duration disable) {
    return new RelaySettings(
        schedule,
        attemptTimeout,
        perEndpoint,
        disable,
        pollEvery,
        allowHttpLoopback,
        rotationGrace,
        leaseMargin,
        configured,
        eventsToken);
  }

  public RelaySettings withLeaseMargin(Duration margin) {
    return new RelaySettings(
        retrySchedule,
        timeout,
        concurrency,
        disableAfter,
        pollEvery,
        allowHttpLoopback,
        rotationGrace,
        margin,
        configured,
        eventsToken);
  }

  public RelaySettings withPollEvery(Duration every) {
    return new RelaySettings(
        retrySchedule,
        timeout,
        concurrency,
        disableAfter,
        every,
        allowHttpLoopback,
        rotationGrace,
        leaseMargin,
        configured,
        eventsToken);
  }

  public RelaySettings withLoopbackHttp(boolean allowed) {
    return new RelaySettings(
        retrySchedule,
        timeout,
        concurrency,
        disableAfter,
        pollEvery,
        allowed,
        rotationGrace,
        leaseMargin,
        configured,
        eventsToken);
  }

  /** How long a claimed message stays leased: longer than any attempt can take. */
  public Duration lease() {
    return timeout.plus(leaseMargin);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
