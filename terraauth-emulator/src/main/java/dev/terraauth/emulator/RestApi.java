package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Terra's REST auth surface under {@code /api/v2} and {@code /v2}, and the new widget endpoint:
 * routing, injected faults and the credential check; {@link AuthEndpoints} and {@link
 * UserEndpoints} do the work.
 */
final class RestApi {
  static final List<String> BASES = List.of("/api/v2", "/v2");
  static final List<String> WIDGET_PATHS = List.of("/api/widget/session", "/widget/api/session");

  private final EmulatorState state;
  private final Responses responses;
  private final RouteGuard guard;
  private final Quirks quirks;
  private final AuthEndpoints auth;
  private final UserEndpoints users;
  private final UserModification modification;

  RestApi(
      EmulatorState state,
      Responses responses,
      RouteGuard guard,
      AuthEndpoints auth,
      UserEndpoints users,
      Quirks quirks) {
    this.state = state;
    this.responses = responses;
    this.guard = guard;
    this.auth = auth;
    this.users = users;
    this.modification = new UserModification(state, responses);
    this.quirks = quirks;
  }

  /** What an authenticated operation does once the account is known. */
  @FunctionalInterface
  interface Operation {
    void handle(Context ctx, EmulatorAccount account) throws IOException;
  }

  void register(RoutesConfig routes) {
    for (String base : BASES) {
      publicRoute(routes, HandlerType.GET, base + "/integrations", "integrations", users::list);
      publicRoute(
          routes,
          HandlerType.GET,
          base + "/integrations/detailed",
          "integrationsDetailed",
          users::detailed);
      route(
          routes,
          HandlerType.POST,
          base + "/auth/authenticateUser",
          "authenticateUser",
          auth::authenticateUser);
      route(
          routes,
          HandlerType.POST,
          base + "/auth/generateWidgetSession",
          "generateWidgetSession",
          auth::legacyWidgetSession);
      route(
          routes,
          HandlerType.POST,
          base + "/auth/generateAuthToken",
          "generateAuthToken",
          auth::generateAuthToken);
      route(
          routes,
          HandlerType.DELETE,
          base + "/auth/deauthenticateUser",
          "deauthenticateUser",
          auth::deauthenticate);
      route(routes, HandlerType.GET, base + "/userInfo", "userInfo", users::userInfo);
      route(routes, HandlerType.POST, base + "/bulkUserInfo", "bulkUserInfo", users::bulkUserInfo);
      route(
          routes, HandlerType.GET, base + "/subscriptions", "subscriptions", users::subscriptions);
      route(
          routes,
          HandlerType.PATCH,
          base + "/users/{user_id}",
          "modifyUser",
          modification::modifyUser);
      publicRoute(
          routes,
          HandlerType.GET,
          base + "/static/assets/img/app_icons/{file}",
          "integrationIcon",
          users::icon);
    }
    for (String path : WIDGET_PATHS) {
      registerWidget(routes, path);
    }
    // Registered last, so they only catch what no route above matched.
    for (String base : BASES) {
      for (HandlerType method :
          List.of(
              HandlerType.GET,
              HandlerType.POST,
              HandlerType.PUT,
              HandlerType.PATCH,
              HandlerType.DELETE)) {
        routes.addHttpHandler(
            method, base + "/*", ctx -> responses.error(ctx, 404, "no such endpoint"));
      }
    }
  }

  private void registerWidget(RoutesConfig routes, String path) {
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
          auth.newWidgetSession(ctx, account.get());
        });
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
            if (operation.equals("generateAuthToken") && responses.isLegacy(ctx)) {
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

  static Map<String, String> readParams(Context ctx) {
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

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
