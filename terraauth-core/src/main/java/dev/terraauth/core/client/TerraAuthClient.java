package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.client.TerraHttp.Repeat;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraGoneException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.internal.Redactor;
import dev.terraauth.core.user.TerraUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed client for Terra's auth endpoints, for one environment. Thread-safe: build one per
 * environment ({@link #builder()}) and share it; it holds one JDK {@link HttpClient}.
 *
 * <p>Sends {@code dev-id} and {@code x-api-key} (lowercase) and JSON bodies exactly as Terra's spec
 * says. Every method blocks, returns a record and throws only {@link TerraApiException} subclasses
 * (Terra answered with an error) or {@link TerraTransportException} (Terra could not be reached or
 * did not answer in time). Retries follow the {@link RetryPolicy}; the call timeout bounds the
 * total time of one method call including waits. Never logs headers or bodies.
 */
public final class TerraAuthClient {
  private static final Logger LOG = LoggerFactory.getLogger(TerraAuthClient.class);
  private static final long DEFAULT_WIDGET_EXPIRY_SECONDS = 900;
  private static final long DEFAULT_TOKEN_EXPIRY_SECONDS = 180;

  private final TerraCredentials credentials;
  private final TerraHttp http;
  private final ResponseReader reader;
  private final WidgetEndpoint widgetEndpoint;
  private final boolean fallbackOnGone;
  private final AtomicBoolean legacyWidgetGone = new AtomicBoolean();
  private final String base;

  private TerraAuthClient(Builder builder, HttpClient httpClient) {
    this.credentials = builder.credentials;
    List<Secret> secrets = new ArrayList<>();
    secrets.add(credentials.apiKey());
    credentials.signingSecrets().stream().map(SigningSecret::secret).forEach(secrets::add);
    this.http =
        new TerraHttp(
            httpClient,
            credentials,
            new Redactor(secrets),
            builder.retryPolicy,
            builder.requestTimeout,
            builder.callTimeout,
            builder.clock,
            builder.sleeper,
            builder.random);
    this.reader = new ResponseReader(credentials.environment());
    this.widgetEndpoint = builder.widgetEndpoint;
    this.fallbackOnGone = builder.fallbackOnGone;
    String url = credentials.apiBaseUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A builder; {@link Builder#credentials} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The environment this client talks to. */
  public Environment environment() {
    return credentials.environment();
  }

  /** {@code GET /integrations} (public: sends only {@code dev-id}). */
  public Integrations integrations() {
    String operation = "GET /integrations";
    TerraHttp.Response response = get(operation, "/integrations", Map.of(), false);
    return reader.value(operation, response, reader.tree(operation, response), Integrations.class);
  }

  /**
   * {@code GET /integrations/detailed} (public: sends only {@code dev-id}, so Terra marks which
   * providers this environment enabled).
   *
   * @param includeSdk whether SDK-only providers (Apple Health, ...) are included
   */
  public List<Integration> detailedIntegrations(boolean includeSdk) {
    String operation = "GET /integrations/detailed";
    Map<String, String> query = includeSdk ? Map.of("sdk", "true") : Map.of();
    TerraHttp.Response response = get(operation, "/integrations/detailed", query, false);
    JsonNode providers = reader.tree(operation, response).get("providers");
    if (providers == null || !providers.isArray()) {
      throw reader.mismatch(operation, response, "no providers list");
    }
    List<Integration> integrations = new ArrayList<>();
    for (JsonNode provider : providers) {
      integrations.add(reader.value(operation, response, provider, Integration.class));
    }
    return List.copyOf(integrations);
  }

  /**
   * Creates a widget session. Calls the configured endpoint; when the legacy endpoint answers 410
   * and fallback is on (the default), switches this client to the new endpoint for good and logs
   * that once.
   *
   * @throws TerraGoneException when the legacy endpoint is gone and fallback is off
   */
  public WidgetSession widgetSession(WidgetSessionRequest request) {
    byte[] body = json(widgetBody(request));
    if (widgetEndpoint == WidgetEndpoint.NEW || legacyWidgetGone.get()) {
      return newWidgetSession(body);
    }
    try {
      return legacyWidgetSession(body);
    } catch (TerraGoneException gone) {
      if (!fallbackOnGone) {
        throw gone;
      }
      if (legacyWidgetGone.compareAndSet(false, true)) {
        LOG.warn(
            "POST /auth/generateWidgetSession ({}) answered 410 Gone: switching to the new widget"
                + " session endpoint {} for this client",
            credentials.environment().id(),
            credentials.widgetSessionUrl());
      }
      return newWidgetSession(body);
    }
  }

  private WidgetSession legacyWidgetSession(byte[] body) {
    return widgetSessionAt(
        "POST /auth/generateWidgetSession", url("/auth/generateWidgetSession", Map.of()), body);
  }

  private WidgetSession newWidgetSession(byte[] body) {
    URI url = credentials.widgetSessionUrl();
    return widgetSessionAt("POST " + url.getRawPath(), url, body);
  }

  private WidgetSession widgetSessionAt(String operation, URI url, byte[] body) {
    TerraHttp.Response response =
        http.execute(new TerraHttp.Call("POST", url, body, operation, true, Repeat.SAFE));
    JsonNode node = reader.tree(operation, response);
    String sessionId = reader.requiredText(operation, response, node, "session_id");
    URI widgetUrl =
        parseUri(operation, response, reader.requiredText(operation, response, node, "url"));
    return new WidgetSession(
        sessionId, widgetUrl, expiry(response, node, DEFAULT_WIDGET_EXPIRY_SECONDS));
  }

  /**
   * {@code POST /auth/authenticateUser}: a login link for one provider. {@code resource} goes in
   * the query string, everything else in the JSON body, as the spec says. Not retried once it may
   * have reached Terra (each call allocates a user id).
   */
  public AuthLink authenticateUser(AuthenticateUserRequest request) {
    String operation = "POST /auth/authenticateUser";
    ObjectNode body = Json.mapper().createObjectNode();
    putIfPresent(body, "language", request.language());
    putIfPresent(body, "reference_id", request.referenceId());
    putIfPresent(body, "auth_success_redirect_url", request.successRedirect());
    putIfPresent(body, "auth_failure_redirect_url", request.failureRedirect());
    URI url = url("/auth/authenticateUser", Map.of("resource", request.resource()));
    TerraHttp.Response response =
        http.execute(
            new TerraHttp.Call("POST", url, json(body), operation, true, Repeat.ONLY_IF_NOT_SENT));
    JsonNode node = reader.tree(operation, response);
    return new AuthLink(
        reader.requiredText(operation, response, node, "user_id"),
        parseUri(operation, response, reader.requiredText(operation, response, node, "auth_url")));
  }

  /** {@code POST /auth/generateAuthToken}: a single-use mobile SDK token (180 s by default). */
  public MobileToken generateAuthToken() {
    String operation = "POST /auth/generateAuthToken";
    TerraHttp.Response response =
        http.execute(
            new TerraHttp.Call(
                "POST",
                url("/auth/generateAuthToken", Map.of()),
                null,
                operation,
                true,
                Repeat.SAFE));
    JsonNode node = reader.tree(operation, response);
    Secret token = Secret.of(reader.requiredText(operation, response, node, "token"));
    return new MobileToken(token, expiry(response, node, DEFAULT_TOKEN_EXPIRY_SECONDS));
  }

  /**
   * {@code DELETE /auth/deauthenticateUser}. Not retried once it may have reached Terra (a repeat
   * would answer 404 for a user that was just removed).
   */
  public void deauthenticateUser(String userId) {
    requireId(userId, "userId");
    String operation = "DELETE /auth/deauthenticateUser";
    http.execute(
        new TerraHttp.Call(
            "DELETE",
            url("/auth/deauthenticateUser", Map.of("user_id", userId)),
            null,
            operation,
            true,
            Repeat.ONLY_IF_NOT_SENT));
  }

  /** {@code GET /userInfo?user_id=...}: one connection. */
  public UserInfo userInfo(String userId) {
    requireId(userId, "userId");
    String operation = "GET /userInfo";
    TerraHttp.Response response = get(operation, "/userInfo", Map.of("user_id", userId), true);
    JsonNode node = reader.tree(operation, response);
    JsonNode user = node.get("user");
    if (user == null || !user.isObject()) {
      throw reader.mismatch(operation, response, "no user object");
    }
    TerraUser terraUser =
        reader.users(operation, response, Json.mapper().createArrayNode().add(user)).get(0);
    return new UserInfo(
        terraUser,
        node.path("is_authenticated").asBoolean(false),
        user.path("last_polled_at").textValue(),
        user.path("most_recent_data_at").textValue());
  }

  /**
   * {@code GET /userInfo?reference_id=...}: every connection of one end user. Accepts the spec's
   * bare array and the {@code {"users": [...]}} form.
   */
  public List<TerraUser> usersByReferenceId(String referenceId) {
    requireId(referenceId, "referenceId");
    String operation = "GET /userInfo";
    TerraHttp.Response response =
        get(operation, "/userInfo", Map.of("reference_id", referenceId), true);
    JsonNode node = reader.tree(operation, response);
    if (node.isObject() && node.has("users")) {
      return reader.users(operation, response, node.get("users"));
    }
    if (node.isObject() && node.get("user") != null && node.get("user").isObject()) {
      return reader.users(
          operation, response, Json.mapper().createArrayNode().add(node.get("user")));
    }
    return reader.users(operation, response, node);
  }

  /** {@code POST /bulkUserInfo}: the connections with these ids (safe to retry: a read). */
  public List<TerraUser> bulkUserInfo(List<String> userIds) {
    String operation = "POST /bulkUserInfo";
    ArrayNode body = Json.mapper().createArrayNode();
    userIds.forEach(id -> body.add(requireId(id, "userId")));
    TerraHttp.Response response =
        http.execute(
            new TerraHttp.Call(
                "POST", url("/bulkUserInfo", Map.of()), json(body), operation, true, Repeat.SAFE));
    return reader.users(operation, response, reader.tree(operation, response));
  }

  /** {@code GET /subscriptions} without {@code page}: every connection in one response. */
  public List<TerraUser> subscriptions() {
    String operation = "GET /subscriptions";
    TerraHttp.Response response = get(operation, "/subscriptions", Map.of(), true);
    JsonNode node = reader.tree(operation, response);
    return reader.users(operation, response, node.isArray() ? node : node.get("users"));
  }

  /**
   * {@code GET /subscriptions?page=N[&per_page=M]}: one page (zero-based).
   *
   * @param perPage page size, or null for Terra's default (500)
   */
  public UserPage subscriptions(int page, Integer perPage) {
    if (page < 0 || (perPage != null && perPage < 1)) {
      throw new IllegalArgumentException("page must be >= 0 and perPage >= 1");
    }
    String operation = "GET /subscriptions";
    Map<String, String> query = new LinkedHashMap<>();
    query.put("page", Integer.toString(page));
    if (perPage != null) {
      query.put("per_page", perPage.toString());
    }
    TerraHttp.Response response = get(operation, "/subscriptions", query, true);
    JsonNode data = reader.tree(operation, response).get("data");
    if (data == null || !data.isObject()) {
      throw reader.mismatch(operation, response, "no data object");
    }
    JsonNode next = data.get("next");
    return new UserPage(
        reader.users(operation, response, data.get("results")),
        next == null || next.isNull() ? null : next.asInt(),
        data.path("max_page").asInt(0));
  }

  private TerraHttp.Response get(
      String operation, String path, Map<String, String> query, boolean sendApiKey) {
    return http.execute(
        new TerraHttp.Call("GET", url(path, query), null, operation, sendApiKey, Repeat.SAFE));
  }

  private Instant expiry(TerraHttp.Response response, JsonNode node, long defaultSeconds) {
    JsonNode expiresIn = node.get("expires_in");
    long seconds =
        expiresIn != null && expiresIn.isNumber() && expiresIn.asDouble() > 0
            ? Math.round(expiresIn.asDouble())
            : defaultSeconds;
    return response.sentAt().plusSeconds(seconds);
  }

  private URI parseUri(String operation, TerraHttp.Response response, String value) {
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw reader.mismatch(operation, response, "a malformed URL");
    }
  }

  private URI url(String path, Map<String, String> query) {
    StringBuilder url = new StringBuilder(base).append(path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      url.append(separator)
          .append(encode(parameter.getKey()))
          .append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ObjectNode widgetBody(WidgetSessionRequest request) {
    ObjectNode body = Json.mapper().createObjectNode();
    if (!request.providers().isEmpty()) {
      body.put("providers", String.join(",", request.providers()));
    }
    putIfPresent(body, "language", request.language());
    body.put("reference_id", request.referenceId());
    putIfPresent(body, "auth_success_redirect_url", request.successRedirect());
    putIfPresent(body, "auth_failure_redirect_url", request.failureRedirect());
    return body;
  }

  private static void putIfPresent(ObjectNode body, String field, Object value) {
    if (value != null && !value.toString().isBlank()) {
      body.put(field, value.toString());
    }
  }

  private static byte[] json(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return id;
  }

  @Override
  public String toString() {
    return "TerraAuthClient[" + credentials.environment().id() + ", " + base + "]";
  }

  /**
   * Configures a {@link TerraAuthClient}. Defaults: connect timeout 5 s, request timeout 10 s, call
   * timeout 30 s, {@link RetryPolicy#DEFAULT}, legacy widget endpoint with fallback on 410. Not
   * thread-safe.
   */
  public static final class Builder {
    private TerraCredentials credentials;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration callTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private WidgetEndpoint widgetEndpoint = WidgetEndpoint.LEGACY;
    private boolean fallbackOnGone = true;
    private URI widgetSessionUrl;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /** The environment's credentials and endpoints (required). */
    public Builder credentials(TerraCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Time allowed to establish a connection. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Time allowed for one attempt (request sent to body received). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Time allowed for a whole method call, all attempts and waits included. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Which widget endpoint to call first (default {@link WidgetEndpoint#LEGACY}). */
    public Builder widgetEndpoint(WidgetEndpoint widgetEndpoint) {
      this.widgetEndpoint = Objects.requireNonNull(widgetEndpoint, "widgetEndpoint");
      return this;
    }

    /** Whether a 410 from the legacy widget endpoint switches to the new one (default true). */
    public Builder fallbackToNewWidgetEndpointOnGone(boolean fallback) {
      this.fallbackOnGone = fallback;
      return this;
    }

    /** Overrides the credentials' new widget session URL (the docs and the spec disagree). */
    public Builder widgetSessionUrl(URI url) {
      this.widgetSessionUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The clock for deadlines, expiries and {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What waits between retries (tests record instead of sleeping). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The source of backoff jitter, values in [0, 1). */
    public Builder jitter(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when no credentials were given
     */
    public TerraAuthClient build() {
      if (credentials == null) {
        throw new IllegalStateException("credentials are required: builder().credentials(...)");
      }
      if (widgetSessionUrl != null) {
        credentials = credentials.withWidgetSessionUrl(widgetSessionUrl);
      }
      HttpClient httpClient =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return new TerraAuthClient(this, httpClient);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return duration;
    }
  }
}
