package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The read side: integrations (public) and their icons, userInfo, bulkUserInfo, subscriptions. */
final class UserEndpoints {
  private final EmulatorState state;
  private final Responses responses;
  private final Supplier<String> rootUrl;
  private final Quirks quirks;

  UserEndpoints(EmulatorState state, Responses responses, Supplier<String> rootUrl, Quirks quirks) {
    this.state = state;
    this.responses = responses;
    this.rootUrl = rootUrl;
    this.quirks = quirks;
  }

  void list(Context ctx) {
    List<Provider> offered = offered(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("providers", offered.stream().filter(p -> !p.sdk()).map(Provider::id).toList());
    body.put("sdk_providers", offered.stream().filter(Provider::sdk).map(Provider::id).toList());
    body.put("status", "success");
    Responses.json(ctx, 200, body);
  }

  void detailed(Context ctx) {
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

  void userInfo(Context ctx, EmulatorAccount account) {
    String userId = ctx.queryParam("user_id");
    String referenceId = ctx.queryParam("reference_id");
    if (!RestApi.blank(userId)) {
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
    } else if (!RestApi.blank(referenceId)) {
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

  void bulkUserInfo(Context ctx, EmulatorAccount account) {
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
    if (users.isEmpty() && !body.isEmpty() && quirks.bulkUserInfoNotFound()) {
      responses.error(ctx, 404, "user not found");
      return;
    }
    Responses.json(ctx, 200, users);
  }

  /** The provider icons {@code /integrations/detailed} links to: one small WebP per provider. */
  void icon(Context ctx) {
    String file = ctx.pathParam("file");
    if (file.endsWith(".svg")) {
      java.util.Optional<Provider> provider =
          Provider.find(file.substring(0, file.length() - ".svg".length()));
      if (provider.isPresent()) {
        Logos.serve(ctx, provider.get());
        return;
      }
    }
    boolean known =
        file.endsWith(".webp")
            && Provider.find(file.substring(0, file.length() - ".webp".length())).isPresent();
    if (!known) {
      responses.error(ctx, 404, "no such icon");
      return;
    }
    ctx.status(200)
        .contentType("image/webp")
        .header("Cache-Control", "public, max-age=86400")
        .result(ICON);
  }

  /** A 1x1 lossless WebP: the emulator has no artwork, only a valid image at each URL. */
  private static final byte[] ICON =
      java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  void subscriptions(Context ctx, EmulatorAccount account) {
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
}
