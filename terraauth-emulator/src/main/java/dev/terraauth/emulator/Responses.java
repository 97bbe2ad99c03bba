package dev.terraauth.emulator;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes bodies: JSON, errors in the profile's format, the widget API's errors, HTML pages. */
final class Responses {
  static final String MISSING_CREDENTIALS = "dev-id or x-api-key headers are missing";

  private final Profile profile;
  private final boolean legacyBaseErrors;

  Responses(Profile profile, Quirks quirks) {
    this.profile = profile;
    this.legacyBaseErrors = quirks.legacyBaseErrors();
  }

  /**
   * Whether this request gets legacy error bodies: always in the legacy profile, and on the legacy
   * base {@code /v2} (standing for api.tryterra.co) unless the quirk says it migrated.
   */
  boolean isLegacy(Context ctx) {
    return profile == Profile.LEGACY || (legacyBaseErrors && ctx.path().startsWith("/v2/"));
  }

  static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  /**
   * An error: {@code application/problem+json} with type, title, instance (path and query) and
   * detail (current), or {@code {"status":"error","message":...}} (legacy).
   */
  void error(Context ctx, int status, String detail) {
    if (isLegacy(ctx)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "error");
      body.put("message", detail);
      json(ctx, status, body);
      return;
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title(status));
    String query = ctx.queryString();
    problem.put("instance", ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
    problem.put("detail", detail);
    ctx.status(status).contentType("application/problem+json").result(Json.bytes(problem));
  }

  /** 401: a problem with {@code detail} (current) or {@code {"message":"unauthorized"}}. */
  void unauthorized(Context ctx, String detail) {
    if (isLegacy(ctx)) {
      json(ctx, 401, Map.of("message", "unauthorized"));
    } else {
      error(ctx, 401, detail);
    }
  }

  /** The widget API's error shape, the same in both profiles. */
  static void widgetError(Context ctx, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("status", "error");
    json(ctx, status, body);
  }

  static void html(Context ctx, int status, String html) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(html);
  }

  /** The lower-cased HTTP status text, as Terra's problem titles are. */
  static String title(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 409 -> "conflict";
      case 410 -> "gone";
      case 413 -> "payload too large";
      case 429 -> "too many requests";
      case 500 -> "internal server error";
      case 502 -> "bad gateway";
      case 503 -> "service unavailable";
      case 504 -> "gateway timeout";
      default -> status >= 500 ? "server error" : "client error";
    };
  }
}
