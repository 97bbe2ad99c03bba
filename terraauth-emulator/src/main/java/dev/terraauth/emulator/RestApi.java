package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Terra's REST auth surface under {@code /api/v2} and {@code /v2}, and the new widget endpoint. */
final class RestApi {
  static final List<String> BASES = List.of("/api/v2", "/v2");
  static final List<String> WIDGET_PATHS = List.of("/api/widget/session", "/widget/api/session");

  private final EmulatorState state;
  private final Responses responses;
  private final RouteGuard guard;
  private final Sessions sessions;
  private final Lifecycle lifecycle;
  private final Quirks quirks;
  private final Supplier<String> rootUrl;
  private final java.security.SecureRandom random = new java.security.SecureRandom();
  private final EmulatorClock clock;

  RestApi(
      EmulatorState state,
      Responses responses,
      RouteGuard guard,
      Sessions sessions,
      Lifecycle lifecycle,
      Quirks quirks,
      EmulatorClock clock,
      Supplier<String> rootUrl) {
    this.state = state;
    this.responses = responses;
    this.guard = guard;
    this.sessions = sessions;
    this.lifecycle = lifecycle;
    this.quirks = quirks;
    this.clock = clock;
    this.rootUrl = rootUrl;
  }

  /** What an authenticated operation does once the account is known. */
  @FunctionalInterface
  private interface Operation {
    void handle(Context ctx, EmulatorAccount account) throws IOException;
  }

  void register(RoutesConfig routes) {
    for (String base : BASES) {
      publicRoute(routes, HandlerType.GET, base + "/integrations", "integrations", this::list);
      publicRoute(
          routes,
          HandlerType.GET,
          base + "/integrations/detailed",
          "integrationsDetailed",
          this::detailed);
      route(
          routes,
          HandlerType.POST,
          base + "/auth/authenticateUser",
          "authenticateUser",
          this::authenticateUser);
      route(
          routes,
          HandlerType.POST,
          base + "/auth/generateWidgetSession",
          "generateWidgetSession",
          this::legacyWidgetSession);
      route(
          routes,
          HandlerType.POST,
          base + "/auth/generateAuthToken",
          "generateAuthToken",
          this::generateAuthToken);
      route(
          routes,
          HandlerType.DELETE,
          base + "/auth/deauthenticateUser",
          "deauthenticateUser",
          this::deauthenticate);
      route(routes, HandlerType.GET, base + "/userInfo", "userInfo", this::userInfo);
      route(routes, HandlerType.POST, base + "/bulkUserInfo", "bulkUserInfo", this::bulkUserInfo);
      route(routes, HandlerType.GET, base + "/subscriptions", "subscriptions", this::subscriptions);
    }
    for (String path : WIDGET_PATHS) {
      routes.addHttpHandler(
          HandlerType.POST,
          path,
          ctx -> {
            if (guard.intercept(ctx, "widgetSession")) {
              return;
            }
            Optional<EmulatorAccount> account = credentials(ctx);
            if (account.isEmpty()) {
              Responses.widgetError(ctx, 403, "invalid dev-id or x-api-key");
              return;
            }
            newWidgetSession(ctx, account.get());
          });
    }
  }

  private void publicRoute(
      RoutesConfig routes,
      HandlerType method,
      String path,
      String operation,
      io.javalin.http.Handler handler) {
    routes.addHttpHandler(
        method,
        path,
        ctx -> {
          if (!guard.intercept(ctx, operation)) {
            handler.handle(ctx);
          }
        });
  }

  private void route(
      RoutesConfig routes, HandlerType method, String path, String operation, Operation handler) {
    routes.addHttpHandler(
        method,
        path,
        ctx -> {
          if (guard.intercept(ctx, operation)) {
            return;
          }
          if (blank(ctx.header("dev-id")) || blank(ctx.header("x-api-key"))) {
            responses.unauthorized(ctx, Responses.MISSING_CREDENTIALS);
            return;
          }
          Optional<EmulatorAccount> account = credentials(ctx);
          if (account.isEmpty()) {
            if (operation.equals("generateAuthToken") && responses.isLegacy()) {
              responses.error(ctx, 404, "Invalid dev-id was provided");
            } else {
              responses.unauthorized(ctx, quirks.invalidCredentialsDetail());
            }
            return;
          }
          handler.handle(ctx, account.get());
        });
  }

  private Optional<EmulatorAccount> credentials(Context ctx) {
    String devId = ctx.header("dev-id");
    String apiKey = ctx.header("x-api-key");
    if (blank(devId) || blank(apiKey)) {
      return Optional.empty();
    }
    return state.authenticate(devId, apiKey);
  }

  private void list(Context ctx) {
    List<Provider> offered = offered(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("providers", offered.stream().filter(p -> !p.sdk()).map(Provider::id).toList());
    body.put("sdk_providers", offered.stream().filter(Provider::sdk).map(Provider::id).toList());
    body.put("status", "success");
    Responses.json(ctx, 200, body);
  }

  private void detailed(Context ctx) {
    boolean sdk = "true".equalsIgnoreCase(ctx.queryParam("sdk"));
    List<Map<String, Object>> providers = new ArrayList<>();
    for (Provider provider : offered(ctx)) {
      if (sdk || !provider.sdk()) {
        providers.add(provider.detailed(rootUrl.get() + "/api/v2", true));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("providers", providers);
    Responses.json(ctx, 200, body);
  }

  /** The dev-id's enabled providers when a known dev-id is sent, else every provider. */
  private List<Provider> offered(Context ctx) {
    Optional<EmulatorAccount> account = state.account(ctx.header("dev-id"));
    return Provider.CATALOGUE.stream()
        .filter(provider -> account.map(found -> found.enables(provider.id())).orElse(true))
        .toList();
  }

  private void authenticateUser(Context ctx, EmulatorAccount account) throws IOException {
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    String resource = params.get("resource");
    if (blank(resource)) {
      responses.error(ctx, 400, "resource is required");
      return;
    }
    Optional<Provider> provider = Provider.find(resource.strip());
    if (provider.isEmpty()) {
      responses.error(ctx, 404, "resource " + resource.strip() + " not found");
      return;
    }
    if (provider.get().sdk()) {
      responses.error(
          ctx,
          400,
          provider.get().id() + " connects through the mobile SDK: use generateAuthToken");
      return;
    }
    if (!account.enables(provider.get().id())) {
      responses.error(ctx, 400, "resource " + provider.get().id() + " is not enabled");
      return;
    }
    if (state.isFull(account)) {
      responses.error(ctx, quirks.userCapStatus(), capMessage(account));
      return;
    }
    AuthFlow flow = sessions.startAuthenticateUser(account, provider.get(), params);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("user_id", flow.userId());
    body.put("auth_url", rootUrl.get() + "/consent/" + flow.flowId());
    Responses.json(ctx, 200, body);
  }

  private void legacyWidgetSession(Context ctx, EmulatorAccount account) throws IOException {
    if (account.legacyWidgetGone()) {
      responses.error(
          ctx,
          410,
          "generateWidgetSession is no longer available for this account: use POST "
              + rootUrl.get()
              + "/api/widget/session (Terra: https://access.tryterra.co/api/widget/session)");
      return;
    }
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    widgetSession(ctx, account, params, responses::error);
  }

  private void newWidgetSession(Context ctx, EmulatorAccount account) throws IOException {
    Map<String, String> params = readParams(ctx);
    if (params == null) {
      Responses.widgetError(ctx, 400, "the body must be a JSON object");
      return;
    }
    widgetSession(ctx, account, params, Responses::widgetError);
  }

  @FunctionalInterface
  private interface ErrorWriter {
    void write(Context ctx, int status, String message);
  }

  private void widgetSession(
      Context ctx, EmulatorAccount account, Map<String, String> params, ErrorWriter errors) {
    List<String> providers;
    String requested = params.get("providers");
    if (blank(requested)) {
      providers = account.providers();
    } else {
      providers = new ArrayList<>();
      for (String name : requested.split(",")) {
        String id = name.strip().toUpperCase(Locale.ROOT);
        if (id.isEmpty()) {
          continue;
        }
        if (Provider.find(id).isEmpty()) {
          errors.write(ctx, 400, "unknown provider " + id);
          return;
        }
        providers.add(id);
      }
    }
    if (providers.isEmpty()) {
      Responses.html(
          ctx,
          500,
          "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>"
              + "<h1>Internal Server Error</h1><p>No data sources are enabled.</p></body></html>");
      return;
    }
    if (state.isFull(account)) {
      errors.write(ctx, quirks.userCapStatus(), capMessage(account));
      return;
    }
    WidgetSession session = sessions.startWidget(account, providers, params);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session_id", session.sessionId());
    body.put("url", rootUrl.get() + "/session/" + session.sessionId());
    body.put("status", "success");
    body.put("expires_in", quirks.widgetSessionTtl().toSeconds());
    Responses.json(ctx, 200, body);
  }

  private void generateAuthToken(Context ctx, EmulatorAccount account) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    state.put(
        new MobileToken(token, account.devId(), clock.instant().plus(quirks.mobileTokenTtl())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("token", token);
    body.put("expires_in", quirks.mobileTokenTtl().toSeconds());
    Responses.json(ctx, 200, body);
  }

  private void deauthenticate(Context ctx, EmulatorAccount account) {
    String userId = ctx.queryParam("user_id");
    if (blank(userId)) {
      responses.error(ctx, 400, "user_id is required");
      return;
    }
    if (lifecycle.deauthenticate(account, userId).isEmpty()) {
      responses.error(ctx, 404, "user not found");
      return;
    }
    Responses.json(ctx, 200, Map.of("status", "success"));
  }

  private void userInfo(Context ctx, EmulatorAccount account) {
    String userId = ctx.queryParam("user_id");
    String referenceId = ctx.queryParam("reference_id");
    if (!blank(userId)) {
      Optional<EmulatedUser> user = state.user(account.devId(), userId);
      if (user.isEmpty()) {
        responses.error(ctx, 404, "user not found");
        return;
      }
      Map<String, Object> json = user.get().toTerraUser();
      json.put("last_polled_at", null);
      json.put("most_recent_data_at", null);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("user", json);
      body.put("status", "success");
      body.put("is_authenticated", user.get().active());
      Responses.json(ctx, 200, body);
    } else if (!blank(referenceId)) {
      Responses.json(
          ctx,
          200,
          state.usersByReference(account.devId(), referenceId).stream()
              .map(EmulatedUser::toTerraUser)
              .toList());
    } else {
      responses.error(ctx, 400, "user_id or reference_id is required");
    }
  }

  private void bulkUserInfo(Context ctx, EmulatorAccount account) {
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isArray()) {
      responses.error(ctx, 400, "the body must be a JSON array of user ids");
      return;
    }
    List<Map<String, Object>> users = new ArrayList<>();
    for (JsonNode id : body) {
      if (!id.isTextual()) {
        responses.error(ctx, 400, "the body must be a JSON array of user ids");
        return;
      }
      state.user(account.devId(), id.asText()).ifPresent(user -> users.add(user.toTerraUser()));
    }
    Responses.json(ctx, 200, users);
  }

  private void subscriptions(Context ctx, EmulatorAccount account) {
    List<Map<String, Object>> all =
        state.users(account.devId()).stream().map(EmulatedUser::toTerraUser).toList();
    String pageParam = ctx.queryParam("page");
    if (pageParam == null) {
      Responses.json(ctx, 200, Map.of("users", all));
      return;
    }
    int page = integer(pageParam);
    String perPageParam = ctx.queryParam("per_page");
    int perPage = perPageParam == null ? 500 : integer(perPageParam);
    if (page < 0 || perPage < 1) {
      responses.error(ctx, 400, "page must be >= 0 and per_page >= 1");
      return;
    }
    int maxPage = Math.max(0, (all.size() - 1) / perPage);
    int from = Math.min(all.size(), page * perPage);
    int to = Math.min(all.size(), from + perPage);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("next", page < maxPage ? page + 1 : null);
    data.put("max_page", maxPage);
    data.put("results", all.subList(from, to));
    Responses.json(ctx, 200, Map.of("data", data));
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Query parameters overlaid with the JSON body's fields; null after writing a 400. */
  private Map<String, String> params(Context ctx) {
    Map<String, String> params = readParams(ctx);
    if (params == null) {
      responses.error(ctx, 400, "the body must be a JSON object");
    }
    return params;
  }

  private static Map<String, String> readParams(Context ctx) {
    Map<String, String> params = new HashMap<>();
    ctx.queryParamMap()
        .forEach((name, values) -> params.put(name, values.isEmpty() ? null : values.get(0)));
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (IOException e) {
      return null;
    }
    if (body == null) {
      return params;
    }
    if (!body.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getValue().isNull()) {
        params.put(field.getKey(), field.getValue().asText());
      }
    }
    return params;
  }

  private static String capMessage(EmulatorAccount account) {
    return "user limit reached: this "
        + account.environment().id()
        + " environment holds at most "
        + account.userCap()
        + " users; deauthenticate some to free slots";
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
