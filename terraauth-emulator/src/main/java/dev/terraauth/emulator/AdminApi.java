package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API under {@code /_emulator} (a prefix Terra's paths cannot collide with). It has no
 * authentication: the emulator is a local tool and binds to 127.0.0.1 by default.
 */
final class AdminApi {
  static final String PREFIX = "/_emulator";

  /** The clock moves at most a century per call (beyond, times stop being printable). */
  static final long MAX_ADVANCE_SECONDS = 100L * 366 * 24 * 3600;

  private final EmulatorAdmin admin;
  private final EmulatorState state;

  AdminApi(EmulatorAdmin admin, EmulatorState state) {
    this.admin = admin;
    this.state = state;
  }

  void register(RoutesConfig routes) {
    routes.get(PREFIX + "/accounts", this::accounts);
    routes.get(PREFIX + "/users", this::users);
    routes.put(PREFIX + "/accounts/{devId}/webhook_url", this::setWebhookUrl);
    routes.get(PREFIX + "/deliveries", ctx -> Responses.json(ctx, 200, admin.deliveries()));
    routes.post(
        PREFIX + "/deliveries/flush",
        ctx -> {
          admin.flushDeliveries();
          Responses.json(ctx, 200, Map.of("status", "success"));
        });
    routes.get(PREFIX + "/clock", this::clock);
    routes.post(PREFIX + "/clock/advance", this::advance);
    routes.post(
        PREFIX + "/users/{userId}/access_revoked",
        ctx -> triggered(ctx, admin.revokeAccess(ctx.pathParam("userId"))));
    routes.post(
        PREFIX + "/users/{userId}/connection_error",
        ctx -> triggered(ctx, admin.connectionError(ctx.pathParam("userId"))));
    routes.post(PREFIX + "/users/{userId}/permission_change", this::permissionChange);
    routes.post(PREFIX + "/sdk/redeem", this::redeem);
    routes.get(PREFIX + "/faults", ctx -> Responses.json(ctx, 200, faultsJson(admin.faults())));
    routes.put(PREFIX + "/faults", this::setFaults);
    routes.delete(
        PREFIX + "/faults",
        ctx -> {
          admin.clearFaults();
          Responses.json(ctx, 200, Map.of("status", "success"));
        });
  }

  private void accounts(Context ctx) {
    Responses.json(
        ctx,
        200,
        state.accounts().stream()
            .map(
                account -> {
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("dev_id", account.devId());
                  json.put("environment", account.environment().id());
                  json.put("providers", account.providers());
                  json.put("webhook_url", account.webhookUrl());
                  json.put("user_cap", account.userCap());
                  json.put("users", state.userCount(account.devId()));
                  json.put("legacy_widget_gone", account.legacyWidgetGone());
                  return json;
                })
            .toList());
  }

  private void setWebhookUrl(Context ctx) throws IOException {
    JsonNode body = Json.parse(ctx.body());
    if (body == null || !body.has("url")) {
      badRequest(ctx, "send {\"url\": \"http://...\"} (null for none)");
      return;
    }
    java.net.URI url;
    try {
      url = body.get("url").isNull() ? null : java.net.URI.create(body.get("url").asText());
    } catch (IllegalArgumentException e) {
      badRequest(ctx, "url is not a URI");
      return;
    }
    if (!admin.setWebhookUrl(ctx.pathParam("devId"), url)) {
      Responses.json(ctx, 404, Map.of("status", "error", "message", "unknown dev-id"));
      return;
    }
    Responses.json(ctx, 200, Map.of("status", "success"));
  }

  private void users(Context ctx) {
    List<EmulatedUser> users = admin.users(ctx.queryParam("dev_id"));
    Responses.json(
        ctx,
        200,
        users.stream()
            .map(
                user -> {
                  Map<String, Object> json = user.toTerraUser();
                  json.put("dev_id", user.devId());
                  json.put("provider_account", user.providerAccount());
                  return json;
                })
            .toList());
  }

  private void clock(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("now", admin.now().toString());
    body.put("epoch_seconds", admin.now().getEpochSecond());
    Responses.json(ctx, 200, body);
  }

  private void advance(Context ctx) throws IOException {
    JsonNode body = Json.parse(ctx.body());
    String seconds = ctx.queryParam("seconds");
    long amount =
        seconds != null
            ? Long.parseLong(seconds.strip())
            : body == null ? -1 : body.path("seconds").asLong(-1);
    if (amount < 0) {
      badRequest(ctx, "give seconds >= 0 as ?seconds=N or {\"seconds\":N}");
      return;
    }
    if (amount > MAX_ADVANCE_SECONDS) {
      badRequest(ctx, "seconds must be at most " + MAX_ADVANCE_SECONDS + " (100 years) per call");
      return;
    }
    admin.advanceClock(Duration.ofSeconds(amount));
    clock(ctx);
  }

  private void permissionChange(Context ctx) throws IOException {
    JsonNode body = Json.parse(ctx.body());
    String added = body == null ? "" : body.path("scopes_added").asText("");
    String removed = body == null ? "" : body.path("scopes_removed").asText("");
    triggered(ctx, admin.changePermissions(ctx.pathParam("userId"), added, removed));
  }

  private void redeem(Context ctx) throws IOException {
    JsonNode body = Json.parse(ctx.body());
    if (body == null || !body.isObject()) {
      badRequest(ctx, "send {\"dev_id\",\"token\",\"reference_id\",\"provider\"}");
      return;
    }
    TokenRedemption result =
        admin.redeemMobileToken(
            body.path("dev_id").asText(null),
            body.path("token").asText(null),
            body.hasNonNull("reference_id") ? body.get("reference_id").asText() : null,
            body.path("provider").asText("APPLE"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", result.ok() ? "success" : "error");
    json.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
    if (result.ok()) {
      json.put("user", result.user().toTerraUser());
    }
    Responses.json(ctx, result.ok() ? 200 : 401, json);
  }

  private void setFaults(Context ctx) throws IOException {
    JsonNode body = Json.parse(ctx.body());
    if (body == null || !body.isObject()) {
      badRequest(ctx, "send a faults object (see EmulatorConfig)");
      return;
    }
    try {
      admin.setFaults(EmulatorConfig.faults(body));
    } catch (IllegalArgumentException e) {
      badRequest(ctx, e.getMessage());
      return;
    }
    Responses.json(ctx, 200, faultsJson(admin.faults()));
  }

  static Map<String, Object> faultsJson(Faults faults) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seed", faults.seed());
    json.put(
        "routes",
        faults.routes().stream()
            .map(
                route -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("route", route.route());
                  entry.put("kind", route.kind().name().toLowerCase(java.util.Locale.ROOT));
                  entry.put("rate", route.rate());
                  entry.put("latency", route.latency().toMillis() + "ms");
                  entry.put("retry_after_seconds", route.retryAfterSeconds());
                  return entry;
                })
            .toList());
    Map<String, Object> webhooks = new LinkedHashMap<>();
    webhooks.put("duplicate_rate", faults.webhooks().duplicateRate());
    webhooks.put("out_of_order", faults.webhooks().outOfOrder());
    webhooks.put("stale_by", faults.webhooks().staleBy().toMillis() + "ms");
    webhooks.put("wrong_secret_rate", faults.webhooks().wrongSecretRate());
    json.put("webhooks", webhooks);
    return json;
  }

  private static void triggered(Context ctx, Optional<WebhookDelivery> delivery) {
    if (delivery.isEmpty()) {
      Responses.json(ctx, 404, Map.of("status", "error", "message", "user not found"));
      return;
    }
    Responses.json(ctx, 200, delivery.get());
  }

  private static void badRequest(Context ctx, String message) {
    Responses.json(ctx, 400, Map.of("status", "error", "message", message));
  }
}
