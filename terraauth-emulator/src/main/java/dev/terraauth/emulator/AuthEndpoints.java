package dev.terraauth.emulator;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The write side: authenticateUser, widget sessions (legacy and new), tokens, deauthentication. */
final class AuthEndpoints {
  private final EmulatorState state;
  private final Responses responses;
  private final Sessions sessions;
  private final Lifecycle lifecycle;
  private final Quirks quirks;
  private final EmulatorClock clock;
  private final Supplier<String> rootUrl;
  private final java.security.SecureRandom random = new java.security.SecureRandom();

  AuthEndpoints(
      EmulatorState state,
      Responses responses,
      Sessions sessions,
      Lifecycle lifecycle,
      Quirks quirks,
      EmulatorClock clock,
      Supplier<String> rootUrl) {
    this.state = state;
    this.responses = responses;
    this.sessions = sessions;
    this.lifecycle = lifecycle;
    this.quirks = quirks;
    this.clock = clock;
    this.rootUrl = rootUrl;
  }

  void authenticateUser(Context ctx, EmulatorAccount account) throws IOException {
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    String resource = params.get("resource");
    if (RestApi.blank(resource)) {
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

  void legacyWidgetSession(Context ctx, EmulatorAccount account) throws IOException {
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

  void newWidgetSession(Context ctx, EmulatorAccount account) throws IOException {
    Map<String, String> params = RestApi.readParams(ctx);
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
    if (RestApi.blank(requested)) {
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

  void generateAuthToken(Context ctx, EmulatorAccount account) {
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

  void deauthenticate(Context ctx, EmulatorAccount account) {
    String userId = ctx.queryParam("user_id");
    if (RestApi.blank(userId)) {
      responses.error(ctx, 400, "user_id is required");
      return;
    }
    if (lifecycle.deauthenticate(account, userId).isEmpty()) {
      responses.error(ctx, 404, "user not found");
      return;
    }
    Responses.json(ctx, 200, Map.of("status", "success"));
  }

  private Map<String, String> params(Context ctx) {
    Map<String, String> params = RestApi.readParams(ctx);
    if (params == null) {
      responses.error(ctx, 400, "the body must be a JSON object");
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
}
