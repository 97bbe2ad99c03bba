package dev.terraauth.emulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ws.tryterra.co}'s token minting, at the same paths on the emulator's root: {@code POST
 * /auth/user?id=} (producer) and {@code POST /auth/developer} (consumer). Credentials are the
 * {@code dev-id} + {@code x-api-key} pair or HTTP Basic, as rt-bundled.yaml allows. Errors follow
 * the spec's statuses (400 malformed, 403 invalid or not your user, 500 through fault injection
 * {@code HTML_500}); their bodies are unspecified, so they use the widget API's {@code {message,
 * status}}.
 */
final class StreamingTokenEndpoints {
  private final EmulatorState state;
  private final StreamingTokens tokens;
  private final RouteGuard guard;
  private final StreamingSettings settings;
  private final Clock clock;

  StreamingTokenEndpoints(
      EmulatorState state,
      StreamingTokens tokens,
      RouteGuard guard,
      StreamingSettings settings,
      Clock clock) {
    this.state = state;
    this.tokens = tokens;
    this.guard = guard;
    this.settings = settings;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.addHttpHandler(HandlerType.POST, "/auth/user", this::producer);
    routes.addHttpHandler(HandlerType.POST, "/auth/developer", this::consumer);
  }

  private void producer(Context ctx) {
    if (guard.intercept(ctx, "streamingUserToken")) {
      return;
    }
    Optional<EmulatorAccount> account = authenticate(ctx);
    if (account.isEmpty()) {
      return;
    }
    String userId = ctx.queryParam("id");
    if (RestApi.blank(userId)) {
      Responses.widgetError(ctx, 400, "the id query parameter is required");
      return;
    }
    if (state.user(account.get().devId(), userId).isEmpty()) {
      Responses.widgetError(ctx, 403, "the user does not belong to this developer");
      return;
    }
    mint(ctx, StreamingTokens.Role.PRODUCER, account.get(), userId);
  }

  private void consumer(Context ctx) {
    if (guard.intercept(ctx, "streamingDeveloperToken")) {
      return;
    }
    authenticate(ctx).ifPresent(account -> mint(ctx, StreamingTokens.Role.CONSUMER, account, null));
  }

  private void mint(Context ctx, StreamingTokens.Role role, EmulatorAccount account, String user) {
    String token =
        tokens.mint(
            new StreamingTokens.Grant(
                role, account.devId(), user, clock.instant().plus(settings.tokenTtl())),
            clock.instant());
    ctx.header("Cache-Control", "no-store");
    Responses.json(ctx, 200, Map.of("token", token));
  }

  /** The account, or empty after answering 400 (no usable credentials) or 403 (wrong ones). */
  private Optional<EmulatorAccount> authenticate(Context ctx) {
    String devId = ctx.header("dev-id");
    String apiKey = ctx.header("x-api-key");
    String authorization = ctx.header("Authorization");
    if (RestApi.blank(devId) && RestApi.blank(apiKey) && authorization != null) {
      String[] basic = basic(authorization);
      if (basic == null) {
        Responses.widgetError(
            ctx, 400, "malformed Authorization header: expected Basic base64(dev-id:api-key)");
        return Optional.empty();
      }
      devId = basic[0];
      apiKey = basic[1];
    }
    if (RestApi.blank(devId) || RestApi.blank(apiKey)) {
      Responses.widgetError(ctx, 400, "send dev-id and x-api-key headers, or Authorization: Basic");
      return Optional.empty();
    }
    Optional<EmulatorAccount> account = state.authenticate(devId, apiKey);
    if (account.isEmpty()) {
      Responses.widgetError(ctx, 403, "invalid developer credentials");
    }
    return account;
  }

  /** {@code [devId, apiKey]} of a Basic header, or null when it is not one. */
  private static String[] basic(String header) {
    if (header.length() > 4096 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon <= 0
        ? null
        : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}
