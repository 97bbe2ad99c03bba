package dev.terraauth.gateway.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/** CORS for the app API: only the configured origins, matched exactly; nothing for the rest. */
public final class Cors {
  private final Set<String> origins;

  public Cors(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /**
   * Before-handler: adds the headers for an allowed origin. {@code Vary: Origin} goes on every
   * answer, allowed or not, with or without an Origin: the answer depends on the header, and a
   * shared cache that stored a refusal without it would serve that refusal to an allowed origin.
   */
  public void apply(Context ctx) {
    ctx.header("Vary", "Origin");
    String origin = ctx.header("Origin");
    if (origin == null || !origins.contains(origin)) {
      return;
    }
    ctx.header("Access-Control-Allow-Origin", origin);
    if (ctx.method() == HandlerType.OPTIONS) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id");
      ctx.header("Access-Control-Max-Age", "600");
    }
  }

  /** OPTIONS handler: 204 for an allowed origin, 403 otherwise. */
  public void preflight(Context ctx) {
    String origin = ctx.header("Origin");
    ctx.status(origin != null && origins.contains(origin) ? 204 : 403);
  }

  /** Whether a URL's origin may receive users after a connection (open-redirect guard). */
  public boolean allows(String origin) {
    return origins.contains(origin);
  }
}
