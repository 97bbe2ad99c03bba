package dev.terraauth.core.client;

import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.RateLimitedException;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraAuthException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.internal.ErrorResponses;
import dev.terraauth.core.internal.Redactor;
import dev.terraauth.core.internal.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call with the credentials headers, bounded by a per-call deadline, retrying as
 * {@link RetryPolicy} says. Logs only operation names, attempt numbers, statuses and waits: never
 * headers, bodies or query strings. Thread-safe. Not API.
 */
final class TerraHttp {
  private static final Logger LOG = LoggerFactory.getLogger(TerraHttp.class);
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

  /** Whether a call may be sent twice. */
  public enum Repeat {
    /** Harmless to repeat (reads, widget sessions, mobile tokens). */
    SAFE,
    /** Repeated only when the first attempt provably never reached Terra. */
    ONLY_IF_NOT_SENT
  }

  /**
   * One logical call.
   *
   * @param method HTTP method
   * @param uri full URI (may carry a query; never a secret)
   * @param jsonBody JSON body, or null for none
   * @param operation name for messages, e.g. {@code POST /auth/generateWidgetSession}
   * @param sendApiKey false for the public endpoints, which get only {@code dev-id}
   * @param repeat whether it may be retried after reaching Terra
   */
  public record Call(
      String method,
      URI uri,
      byte[] jsonBody,
      String operation,
      boolean sendApiKey,
      Repeat repeat) {}

  /** A 2xx response and when its (successful) attempt was sent. */
  public record Response(int status, byte[] body, Instant sentAt) {}

  private final HttpClient http;
  private final TerraCredentials credentials;
  private final ErrorResponses errors;
  private final Exchange exchange;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private final Duration callTimeout;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final boolean basicAuth;

  public TerraHttp(
      HttpClient http,
      TerraCredentials credentials,
      RetryPolicy retryPolicy,
      Duration requestTimeout,
      Duration callTimeout,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random) {
    this.http = http;
    this.credentials = credentials;
    this.errors = new ErrorResponses(credentials.environment(), redactor(credentials));
    this.exchange = new Exchange(credentials.environment());
    this.retryPolicy = retryPolicy;
    this.requestTimeout = requestTimeout;
    this.callTimeout = callTimeout;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.basicAuth = false;
  }

  private TerraHttp(TerraHttp other, boolean basicAuth) {
    this.http = other.http;
    this.credentials = other.credentials;
    this.errors = other.errors;
    this.exchange = other.exchange;
    this.retryPolicy = other.retryPolicy;
    this.requestTimeout = other.requestTimeout;
    this.callTimeout = other.callTimeout;
    this.clock = other.clock;
    this.sleeper = other.sleeper;
    this.random = other.random;
    this.basicAuth = basicAuth;
  }

  /**
   * The same, but authenticating with {@code Authorization: Basic base64(dev-id:api-key)} instead
   * of the header pair (only the streaming and Vantage hosts accept it).
   */
  public TerraHttp withBasicAuth() {
    return new TerraHttp(this, true);
  }

  /** Error messages quote Terra's text, so they are cleaned of this client's own secrets. */
  private static Redactor redactor(TerraCredentials credentials) {
    List<Secret> secrets = new ArrayList<>();
    secrets.add(credentials.apiKey());
    // the Basic form of the same pair (streaming host), should Terra ever echo the header back
    String pair = credentials.devId() + ":" + credentials.apiKey().reveal();
    secrets.add(
        Secret.of(
            java.util.Base64.getEncoder()
                .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    credentials.signingSecrets().stream().map(SigningSecret::secret).forEach(secrets::add);
    return new Redactor(secrets);
  }

  /**
   * Sends the call until it succeeds, fails for good, runs out of attempts or the deadline passes.
   *
   * @throws TerraApiException for an error status
   * @throws TerraTransportException when Terra could not be reached or did not answer in time
   */
  public Response execute(Call call) {
    Instant deadline = clock.instant().plus(callTimeout);
    for (int attempt = 1; ; attempt++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        throw exchange.deadlineExceeded(call, callTimeout);
      }
      Duration timeout = remaining.compareTo(requestTimeout) < 0 ? remaining : requestTimeout;
      Instant sentAt = clock.instant();
      TerraAuthException failure;
      Duration retryAfter = null;
      try {
        HttpResponse<byte[]> response = exchange.send(http, request(call, timeout), call, timeout);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Response(status, response.body(), sentAt);
        }
        TerraApiException error = toException(call, response);
        if (!RETRYABLE_STATUSES.contains(status) || call.repeat() != Repeat.SAFE) {
          throw error;
        }
        failure = error;
        retryAfter =
            error instanceof RateLimitedException rateLimited
                ? rateLimited.retryAfter().orElse(null)
                : RetryAfter.parse(
                    response.headers().firstValue("retry-after").orElse(null), clock.instant());
      } catch (TerraTransportException e) {
        if (call.repeat() != Repeat.SAFE && e.reachedTerra()) {
          throw e;
        }
        failure = e;
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        throw failure;
      }
      Duration wait = retryAfter != null ? retryAfter : retryPolicy.backoff(attempt, random());
      if (retryAfter != null && retryAfter.compareTo(retryPolicy.maxRetryAfter()) > 0) {
        throw failure;
      }
      if (clock.instant().plus(wait).isAfter(deadline)) {
        throw failure;
      }
      LOG.debug(
          "{} ({}): attempt {} failed ({}), retrying in {} ms",
          call.operation(),
          credentials.environment().id(),
          attempt,
          failure.getClass().getSimpleName(),
          wait.toMillis());
      pause(call, wait);
    }
  }

  private double random() {
    double value = random.getAsDouble();
    return value < 0 || value >= 1 ? 0.5 : value;
  }

  private void pause(Call call, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TerraTransportException(
          call.operation() + " (" + credentials.environment().id() + ") was interrupted", true, e);
    }
  }

  private TerraApiException toException(Call call, HttpResponse<byte[]> response) {
    var headers = response.headers();
    return errors.toException(
        call.operation(),
        response.statusCode(),
        headers.firstValue("content-type").orElse(null),
        response.body(),
        requestId(response),
        clock.instant(),
        headers.firstValue("retry-after").orElse(null));
  }

  /** The request id of a response, if Terra sent one. */
  public static String requestId(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("x-request-id")
        .or(() -> response.headers().firstValue("terra-reference"))
        .orElse(null);
  }

  private HttpRequest request(Call call, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(call.uri()).timeout(timeout).header("accept", "application/json");
    if (basicAuth) {
      String pair = credentials.devId() + ":" + credentials.apiKey().reveal();
      builder.header(
          "authorization",
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return withBody(builder, call);
    }
    builder.header("dev-id", credentials.devId());
    if (call.sendApiKey()) {
      builder.header("x-api-key", credentials.apiKey().reveal());
    }
    return withBody(builder, call);
  }

  private static HttpRequest withBody(HttpRequest.Builder builder, Call call) {
    if (call.jsonBody() != null) {
      builder.header("content-type", "application/json");
      builder.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.jsonBody()));
    } else {
      builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return builder.build();
  }
}
