package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraGoneException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.user.TerraUser;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed client for Terra's auth endpoints, for one environment. Thread-safe: build one per
 * environment ({@link #builder()}) and share it; it holds one JDK {@link java.net.http.HttpClient}.
 *
 * <p>Sends {@code dev-id} and {@code x-api-key} (lowercase) and JSON bodies exactly as Terra's spec
 * says. Every method blocks, returns a record and throws only {@link TerraApiException} subclasses
 * (Terra answered with an error) or {@link TerraTransportException} (Terra could not be reached or
 * did not answer in time). Retries follow the {@link RetryPolicy}; the call timeout bounds the
 * total time of one method call including waits. Never logs headers or bodies.
 */
public final class TerraAuthClient {
  private static final long DEFAULT_TOKEN_EXPIRY_SECONDS = 180;

  private final TerraCredentials credentials;
  private final Calls calls;
  private final WidgetSessions widgetSessions;

  private TerraAuthClient(Builder builder, TerraCredentials credentials) {
    this.credentials = credentials;
    ResponseReader reader = new ResponseReader(credentials.environment());
    this.calls =
        new Calls(builder.http(credentials), reader, credentials.apiBaseUrl(), builder.observer);
    this.widgetSessions =
        new WidgetSessions(calls, credentials, builder.widgetEndpoint, builder.fallbackOnGone);
  }

  /**
   * A builder; {@link Builder#credentials} is required.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the environment this client talks to} */
  public Environment environment() {
    return credentials.environment();
  }

  /**
   * {@code GET /integrations} (public: sends only {@code dev-id}).
   *
   * @return the providers Terra supports
   */
  public Integrations integrations() {
    Reply reply = calls.call(Endpoint.INTEGRATIONS, Map.of(), null);
    return reply.as(reply.body(), Integrations.class);
  }

  /**
   * {@code GET /integrations/detailed} (public: sends only {@code dev-id}, so Terra marks which
   * providers this environment enabled).
   *
   * @param includeSdk whether SDK-only providers (Apple Health, ...) are included
   * @return the providers, each marked enabled or not
   */
  public List<Integration> detailedIntegrations(boolean includeSdk) {
    Map<String, String> query = includeSdk ? Map.of("sdk", "true") : Map.of();
    Reply reply = calls.call(Endpoint.DETAILED_INTEGRATIONS, query, null);
    List<Integration> integrations = new ArrayList<>();
    for (JsonNode provider : reply.required("providers", true, "no providers list")) {
      integrations.add(reply.as(provider, Integration.class));
    }
    return List.copyOf(integrations);
  }

  /**
   * Creates a widget session. Calls the configured endpoint; when the legacy endpoint answers 410
   * and fallback is on (the default), switches this client to the new endpoint for good and logs
   * that once.
   *
   * @param request the end user and the widget's options
   * @return the session: its id, URL and expiry
   * @throws TerraGoneException when the legacy endpoint is gone and fallback is off
   */
  public WidgetSession widgetSession(WidgetSessionRequest request) {
    return widgetSessions.create(request);
  }

  /**
   * {@code POST /auth/authenticateUser}: a login link for one provider. {@code resource} goes in
   * the query string, everything else in the JSON body, as the spec says. Not retried once it may
   * have reached Terra (each call allocates a user id).
   *
   * @param request the provider, reference id and redirects
   * @return the link to send the user to, and the user id Terra allocated
   */
  public AuthLink authenticateUser(AuthenticateUserRequest request) {
    ObjectNode body = Json.mapper().createObjectNode();
    WidgetSessions.putIfPresent(body, "language", request.language());
    WidgetSessions.putIfPresent(body, "reference_id", request.referenceId());
    WidgetSessions.putIfPresent(body, "auth_success_redirect_url", request.successRedirect());
    WidgetSessions.putIfPresent(body, "auth_failure_redirect_url", request.failureRedirect());
    Reply reply =
        calls.call(Endpoint.AUTHENTICATE_USER, Map.of("resource", request.resource()), body);
    String userId = reply.text("user_id");
    return new AuthLink(userId, reply.uri("auth_url"));
  }

  /**
   * {@code POST /auth/generateAuthToken}: a single-use mobile SDK token (180 s by default).
   *
   * @return the token and when it expires
   */
  public MobileToken generateAuthToken() {
    Reply reply = calls.call(Endpoint.GENERATE_AUTH_TOKEN, Map.of(), null);
    Secret token = Secret.of(reply.text("token"));
    return new MobileToken(token, reply.expiry(DEFAULT_TOKEN_EXPIRY_SECONDS));
  }

  /**
   * {@code DELETE /auth/deauthenticateUser}. Not retried once it may have reached Terra (a repeat
   * would answer 404 for a user that was just removed).
   *
   * @param userId Terra's user id of the connection to remove
   */
  public void deauthenticateUser(String userId) {
    calls.send(Endpoint.DEAUTHENTICATE_USER, Map.of("user_id", requireId(userId, "userId")), null);
  }

  /**
   * {@code GET /userInfo?user_id=...}: one connection.
   *
   * @param userId Terra's user id of the connection
   * @return the connection and its status
   */
  public UserInfo userInfo(String userId) {
    Reply reply =
        calls.call(Endpoint.USER_INFO, Map.of("user_id", requireId(userId, "userId")), null);
    JsonNode user = reply.required("user", false, "no user object");
    TerraUser terraUser = reply.users(Json.mapper().createArrayNode().add(user)).get(0);
    return new UserInfo(
        terraUser,
        reply.body().path("is_authenticated").asBoolean(false),
        user.path("last_polled_at").textValue(),
        user.path("most_recent_data_at").textValue());
  }

  /**
   * {@code GET /userInfo?reference_id=...}: every connection of one end user. Accepts the spec's
   * bare array and the {@code {"users": [...]}} form.
   *
   * @param referenceId your id of the end user
   * @return the user's connections, empty when there are none
   */
  public List<TerraUser> usersByReferenceId(String referenceId) {
    Map<String, String> query = Map.of("reference_id", requireId(referenceId, "referenceId"));
    Reply reply = calls.call(Endpoint.USER_INFO, query, null);
    JsonNode node = reply.body();
    if (node.isObject() && node.has("users")) {
      return reply.users(node.get("users"));
    }
    if (node.isObject() && node.get("user") != null && node.get("user").isObject()) {
      return reply.users(Json.mapper().createArrayNode().add(node.get("user")));
    }
    return reply.users(node);
  }

  /**
   * {@code POST /bulkUserInfo}: the connections with these ids (safe to retry: a read).
   *
   * @param userIds Terra user ids
   * @return the connections Terra knows among them
   */
  public List<TerraUser> bulkUserInfo(List<String> userIds) {
    ArrayNode body = Json.mapper().createArrayNode();
    userIds.forEach(id -> body.add(requireId(id, "userId")));
    Reply reply = calls.call(Endpoint.BULK_USER_INFO, Map.of(), body);
    return reply.users(reply.body());
  }

  /**
   * {@code GET /subscriptions} without {@code page}: every connection in one response.
   *
   * @return every connection of this environment
   */
  public List<TerraUser> subscriptions() {
    Reply reply = calls.call(Endpoint.SUBSCRIPTIONS, Map.of(), null);
    JsonNode node = reply.body();
    return reply.users(node.isArray() ? node : node.get("users"));
  }

  /**
   * {@code GET /subscriptions?page=N[&per_page=M]}: one page (zero-based).
   *
   * @param perPage page size, or null for Terra's default (500)
   * @param page the page, zero-based
   * @return the page's connections and whether another page follows
   */
  public UserPage subscriptions(int page, Integer perPage) {
    if (page < 0 || (perPage != null && perPage < 1)) {
      throw new IllegalArgumentException("page must be >= 0 and perPage >= 1");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("page", Integer.toString(page));
    if (perPage != null) {
      query.put("per_page", perPage.toString());
    }
    Reply reply = calls.call(Endpoint.SUBSCRIPTIONS, query, null);
    JsonNode data = reply.required("data", false, "no data object");
    JsonNode next = data.get("next");
    return new UserPage(
        reply.users(data.get("results")),
        next == null || next.isNull() ? null : next.asInt(),
        data.path("max_page").asInt(0));
  }

  private static String requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return id;
  }

  @Override
  public String toString() {
    return "TerraAuthClient[" + credentials.environment().id() + ", " + calls.base() + "]";
  }

  /**
   * Configures a {@link TerraAuthClient}: the {@link ClientBuilder} settings, plus the legacy
   * widget endpoint with fallback on 410 by default. Not thread-safe.
   */
  public static final class Builder extends ClientBuilder<Builder> {
    private WidgetEndpoint widgetEndpoint = WidgetEndpoint.LEGACY;
    private boolean fallbackOnGone = true;
    private URI widgetSessionUrl;
    private CallObserver observer = CallObserver.NONE;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Which widget endpoint to call first (default {@link WidgetEndpoint#LEGACY}).
     *
     * @param widgetEndpoint which widget endpoint to call first (default {@link
     *     WidgetEndpoint#LEGACY})
     * @return this builder
     */
    public Builder widgetEndpoint(WidgetEndpoint widgetEndpoint) {
      this.widgetEndpoint = Objects.requireNonNull(widgetEndpoint, "widgetEndpoint");
      return this;
    }

    /**
     * Whether a 410 from the legacy widget endpoint switches to the new one (default true).
     *
     * @param fallback whether a 410 from the legacy widget endpoint switches to the new one
     *     (default true)
     * @return this builder
     */
    public Builder fallbackToNewWidgetEndpointOnGone(boolean fallback) {
      this.fallbackOnGone = fallback;
      return this;
    }

    /**
     * Overrides the credentials' new widget session URL (the docs and the spec disagree).
     *
     * @param url the new widget session endpoint to call
     * @return this builder
     */
    public Builder widgetSessionUrl(URI url) {
      this.widgetSessionUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Told about every finished call, e.g. to time calls (default: nothing).
     *
     * @param observer told the operation, outcome and duration of each call
     * @return this builder
     */
    public Builder observer(CallObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client, thread-safe and meant to be shared
     * @throws IllegalStateException when no credentials were given
     */
    public TerraAuthClient build() {
      TerraCredentials checked = requiredCredentials();
      return new TerraAuthClient(
          this,
          widgetSessionUrl == null ? checked : checked.withWidgetSessionUrl(widgetSessionUrl));
    }
  }
}
