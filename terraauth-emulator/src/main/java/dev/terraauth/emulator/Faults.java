package dev.terraauth.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Failures the emulator injects on purpose. Rates are probabilities in [0, 1] drawn from a random
 * generator seeded with {@link #seed}, so a rate of 1.0 (or a fixed seed) is deterministic.
 * Immutable.
 *
 * @param routes faults on REST routes
 * @param webhooks faults on webhook deliveries
 * @param seed seed of the random generator deciding whether a rate fires
 */
public record Faults(List<RouteFault> routes, WebhookFaults webhooks, long seed) {
  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param routes faults on REST routes
   * @param webhooks faults on webhook deliveries
   * @param seed seed of the random generator deciding whether a rate fires
   */
  public Faults {
    routes = List.copyOf(routes);
    Objects.requireNonNull(webhooks, "webhooks");
  }

  /**
   * No faults at all.
   *
   * @return no faults
   */
  public static Faults none() {
    return new Faults(List.of(), WebhookFaults.none(), 0);
  }

  /**
   * These faults on routes only.
   *
   * @param routes the route faults
   * @return the faults
   */
  public static Faults ofRoutes(RouteFault... routes) {
    return new Faults(List.of(routes), WebhookFaults.none(), 0);
  }

  /**
   * These faults on webhooks only.
   *
   * @param webhooks the webhook faults
   * @return the faults
   */
  public static Faults ofWebhooks(WebhookFaults webhooks) {
    return new Faults(List.of(), webhooks, 0);
  }

  /** What a route fault does. */
  public enum Kind {
    /** Only waits {@link RouteFault#latency}, then answers normally. */
    LATENCY,
    /** 503 with an error body in the profile's format. */
    HTTP_503,
    /** 429 with {@code Retry-After}. */
    HTTP_429,
    /** 500 with an HTML page, as Terra's edge sometimes sends. */
    HTML_500,
    /** Closes the connection without any response. */
    DROP_CONNECTION;

    /**
     * Parses a kind's name, case-insensitively.
     *
     * @param name e.g. {@code http_503}
     * @return the kind
     * @throws IllegalArgumentException for an unknown name
     */
    public static Kind parse(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
  }

  /**
   * A fault on one REST route.
   *
   * @param route an operation name ({@code authenticateUser}, {@code generateWidgetSession}, {@code
   *     widgetSession} (the new endpoint), {@code generateAuthToken}, {@code deauthenticateUser},
   *     {@code userInfo}, {@code bulkUserInfo}, {@code subscriptions}, {@code integrations}, {@code
   *     integrationsDetailed}, {@code modifyUser}, {@code integrationIcon}, the streaming host's
   *     {@code streamingUserToken}, {@code streamingDeveloperToken} and {@code streamingConnect}
   *     (the socket: errors close it with 1011)) or {@code *} for all
   * @param kind what happens
   * @param rate probability per request
   * @param latency delay before answering (any kind)
   * @param retryAfterSeconds the {@code Retry-After} value of a 429
   */
  public record RouteFault(
      String route, Kind kind, double rate, Duration latency, int retryAfterSeconds) {
    /**
     * Checks the components.
     *
     * @param route an operation name ({@code authenticateUser}, {@code generateWidgetSession},
     *     {@code widgetSession} (the new endpoint), {@code generateAuthToken}, {@code
     *     deauthenticateUser}, {@code userInfo}, {@code bulkUserInfo}, {@code subscriptions},
     *     {@code integrations}, {@code integrationsDetailed}, {@code modifyUser}, {@code
     *     integrationIcon}, the streaming host's {@code streamingUserToken}, {@code
     *     streamingDeveloperToken} and {@code streamingConnect} (the socket: errors close it with
     *     1011)) or {@code *} for all
     * @param kind what happens
     * @param rate probability per request
     * @param latency delay before answering (any kind)
     * @param retryAfterSeconds the {@code Retry-After} value of a 429
     */
    public RouteFault {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(kind, "kind");
      requireRate(rate);
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative() || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("latency and retryAfterSeconds must not be negative");
      }
    }

    /**
     * Always {@code kind} on {@code route}, no latency, {@code Retry-After: 1}.
     *
     * @param route the route's name, e.g. {@code generateWidgetSession}
     * @param kind what the route does instead of answering
     * @return the fault
     */
    public static RouteFault always(String route, Kind kind) {
      return new RouteFault(route, kind, 1.0, Duration.ZERO, 1);
    }

    /**
     * Always waits {@code latency} on {@code route}.
     *
     * @param route the route's name, e.g. {@code generateWidgetSession}
     * @param latency how long to wait before answering
     * @return the fault
     */
    public static RouteFault latency(String route, Duration latency) {
      return new RouteFault(route, Kind.LATENCY, 1.0, latency, 0);
    }

    boolean matches(String operation) {
      return route.equals("*") || route.equalsIgnoreCase(operation);
    }
  }

  /**
   * Faults on webhook deliveries.
   *
   * @param duplicateRate probability that a delivered webhook is delivered once more (same trace
   *     id)
   * @param outOfOrder holds deliveries back and sends each pair in reverse order (the rest on
   *     {@link EmulatorAdmin#flushDeliveries()})
   * @param staleBy how far in the past the signature timestamp lies (zero: now)
   * @param wrongSecretRate probability that an attempt is signed with a wrong secret
   */
  public record WebhookFaults(
      double duplicateRate, boolean outOfOrder, Duration staleBy, double wrongSecretRate) {
    /**
     * Checks the components.
     *
     * @param duplicateRate probability that a delivered webhook is delivered once more (same trace
     *     id)
     * @param outOfOrder holds deliveries back and sends each pair in reverse order (the rest on
     *     {@link EmulatorAdmin#flushDeliveries()})
     * @param staleBy how far in the past the signature timestamp lies (zero: now)
     * @param wrongSecretRate probability that an attempt is signed with a wrong secret
     */
    public WebhookFaults {
      requireRate(duplicateRate);
      requireRate(wrongSecretRate);
      Objects.requireNonNull(staleBy, "staleBy");
      if (staleBy.isNegative()) {
        throw new IllegalArgumentException("staleBy must not be negative");
      }
    }

    /**
     * No webhook faults.
     *
     * @return the webhook faults
     */
    public static WebhookFaults none() {
      return new WebhookFaults(0, false, Duration.ZERO, 0);
    }
  }

  private static void requireRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a fault rate must be between 0 and 1, got " + rate);
    }
  }
}
