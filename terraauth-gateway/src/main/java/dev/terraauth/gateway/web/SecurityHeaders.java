package dev.terraauth.gateway.web;

import io.javalin.http.Context;

/**
 * Headers every answer carries, pages and JSON alike. Scripts and styles come only from this origin
 * ({@code /assets/*}): no inline script can run, so markup injected into a page stays inert; no
 * site may frame the gateway (clickjacking of Disconnect or the dashboard's buttons).
 */
public final class SecurityHeaders {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** A before-handler for every path. */
  public static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(
        "Referrer-Policy", "same-origin"); // no-referrer would make form posts send Origin: null
    ctx.header("X-Frame-Options", "DENY");
  }
}
