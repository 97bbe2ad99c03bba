package dev.terraauth.emulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pages a browser sees: the widget session page listing providers, a fake provider consent page
 * (approve or deny), and the expiry, used and result pages. Everything shown is escaped.
 */
final class HostedPages {
  /** The hosted pages' one stylesheet. */
  static final String STYLESHEET = "/static/emulator.css";

  private static final byte[] CSS = stylesheet();

  private final EmulatorState state;
  private final Sessions sessions;
  private final Lifecycle lifecycle;
  private final Quirks quirks;

  HostedPages(EmulatorState state, Sessions sessions, Lifecycle lifecycle, Quirks quirks) {
    this.state = state;
    this.sessions = sessions;
    this.lifecycle = lifecycle;
    this.quirks = quirks;
  }

  void register(RoutesConfig routes) {
    routes.get(
        STYLESHEET,
        ctx ->
            ctx.contentType("text/css; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600")
                .result(CSS));
    routes.get("/session/{sessionId}", this::widgetPage);
    routes.get("/session/{sessionId}/connect/{provider}", this::chooseProvider);
    routes.get("/consent/{flowId}", this::consentPage);
    routes.post("/consent/{flowId}/approve", this::approve);
    routes.post("/consent/{flowId}/deny", this::deny);
  }

  private void widgetPage(Context ctx) {
    Optional<WidgetSession> session = state.session(ctx.pathParam("sessionId"));
    if (session.isEmpty()) {
      notFound(ctx, "Unknown widget session");
      return;
    }
    if (sessions.expired(session.get().expiresAt())) {
      expired(ctx);
      return;
    }
    StringBuilder list =
        new StringBuilder(
            "<p class=\"lead\">Choose the data source to share with this app.</p>\n"
                + "<ul class=\"tiles\">\n");
    for (String id : session.get().providers()) {
      Provider provider = Provider.find(id).orElseThrow();
      list.append("<li><a class=\"tile provider\" href=\"/session/")
          .append(Html.escape(session.get().sessionId()))
          .append("/connect/")
          .append(Html.escape(provider.id()))
          .append("\" data-provider=\"")
          .append(Html.escape(provider.id()))
          .append("\"><img src=\"")
          .append(Logos.path(provider))
          .append("\" alt=\"\" width=\"48\" height=\"48\"><span>")
          .append(Html.escape(provider.name()))
          .append("</span>")
          .append(provider.sdk() ? "<span class=\"sub\">in the mobile app</span>" : "")
          .append("</a></li>\n");
    }
    list.append("</ul>");
    Responses.html(ctx, 200, Html.page("Connect your wearable", list.toString()));
  }

  private void chooseProvider(Context ctx) {
    Optional<WidgetSession> found = state.session(ctx.pathParam("sessionId"));
    if (found.isEmpty()) {
      notFound(ctx, "Unknown widget session");
      return;
    }
    WidgetSession session = found.get();
    if (sessions.expired(session.expiresAt())) {
      expired(ctx);
      return;
    }
    Optional<Provider> provider =
        Provider.find(ctx.pathParam("provider"))
            .filter(candidate -> session.providers().contains(candidate.id()));
    if (provider.isEmpty()) {
      notFound(ctx, "This data source is not offered in this session");
      return;
    }
    if (provider.get().sdk()) {
      // Mobile-SDK sources finish in the app: success redirect with a null user_id (contract 6).
      Map<String, String> params = new LinkedHashMap<>();
      params.put("user_id", null);
      params.put("resource", provider.get().id());
      params.put("reference_id", session.referenceId());
      finish(
          ctx,
          session.successUrl(),
          params,
          "Finish in the app",
          provider.get().name() + " connects through the mobile app.");
      return;
    }
    AuthFlow flow = sessions.startFromWidget(session, provider.get());
    ctx.redirect("/consent/" + flow.flowId(), HttpStatus.FOUND);
  }

  private void consentPage(Context ctx) {
    Optional<AuthFlow> flow = usable(ctx);
    if (flow.isEmpty()) {
      return;
    }
    Provider provider = Provider.find(flow.get().provider()).orElseThrow();
    String action = "/consent/" + Html.escape(flow.get().flowId());
    StringBuilder scopes = new StringBuilder();
    for (String scope : provider.scopes().split(",")) {
      if (!scope.isBlank()) {
        scopes.append("<li><code>").append(Html.escape(scope.strip())).append("</code></li>");
      }
    }
    String body =
        "<div class=\"provider-head\"><img src=\""
            + Logos.path(provider)
            + "\" alt=\"\" width=\"64\" height=\"64\"></div>\n<p class=\"lead\">"
            + Html.escape(provider.name())
            + " (emulated) asks you to share your data with this application.</p>\n"
            + "<section class=\"scopes\"><h2>It will be able to read</h2><ul>"
            + scopes
            + "</ul><p class=\"sub\">Data types: "
            + Html.escape(String.join(", ", provider.dataTypes()))
            + "</p></section>\n"
            + "<form method=\"post\" action=\""
            + action
            + "/approve\">\n<label>Signed in at the provider as"
            + " <input name=\"account\" value=\"demo-user\" maxlength=\"128\"></label>\n"
            + "<button type=\"submit\" class=\"approve\">Approve</button>\n</form>\n"
            + "<form method=\"post\" class=\"deny-form\" action=\""
            + action
            + "/deny\">\n<label>Reason <select name=\"reason\">"
            + "<option value=\"access_denied\">access_denied</option>"
            + "<option value=\"missing_scopes\">missing_scopes</option></select></label>\n"
            + "<button type=\"submit\" class=\"deny\">Deny</button>\n</form>";
    Responses.html(ctx, 200, Html.page("Authorize " + provider.name(), body));
  }

  private void approve(Context ctx) {
    Optional<AuthFlow> found = usable(ctx);
    if (found.isEmpty() || !claim(ctx, found.get())) {
      return;
    }
    AuthFlow flow = found.get();
    String account = ctx.formParam("account");
    Optional<EmulatedUser> user =
        lifecycle.approve(flow, RestApi.blank(account) ? "demo-user" : account.strip());
    if (user.isEmpty()) {
      failureRedirect(ctx, flow, Lifecycle.USER_LIMIT_REACHED);
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("user_id", user.get().userId());
    params.put("resource", flow.provider());
    params.put("reference_id", flow.referenceId());
    finish(ctx, flow.successUrl(), params, "Connected", "Your data source is connected.");
  }

  private void deny(Context ctx) {
    Optional<AuthFlow> found = usable(ctx);
    if (found.isEmpty() || !claim(ctx, found.get())) {
      return;
    }
    String reason = ctx.formParam("reason");
    String chosen = RestApi.blank(reason) ? "access_denied" : reason.strip();
    lifecycle.fail(found.get(), chosen);
    failureRedirect(ctx, found.get(), chosen);
  }

  private void failureRedirect(Context ctx, AuthFlow flow, String reason) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("user_id", flow.userId());
    params.put("resource", flow.provider());
    params.put("reference_id", flow.referenceId());
    params.put(quirks.failureReasonParameter(), reason);
    finish(ctx, flow.failureUrl(), params, "Connection failed", "Reason: " + reason);
  }

  /** Redirects to {@code url} with {@code params}, or shows a result page when there is none. */
  private static void finish(
      Context ctx, String url, Map<String, String> params, String title, String message) {
    if (url == null) {
      Responses.html(
          ctx, 200, Html.page(title, "<p class=\"result\">" + Html.escape(message) + "</p>"));
      return;
    }
    ctx.redirect(Html.appendQuery(url, params), HttpStatus.FOUND);
  }

  /** The flow when it exists, is not used and not expired; otherwise writes the page saying so. */
  private Optional<AuthFlow> usable(Context ctx) {
    Optional<AuthFlow> flow = state.flow(ctx.pathParam("flowId"));
    if (flow.isEmpty()) {
      notFound(ctx, "Unknown authorization link");
    } else if (state.isFinished(flow.get().flowId())) {
      Responses.html(
          ctx, 410, Html.page("Link already used", "<p>This link has already been used.</p>"));
    } else if (sessions.expired(flow.get().expiresAt())) {
      expired(ctx);
    } else {
      return flow;
    }
    return Optional.empty();
  }

  /** Marks the flow used; false (and a page) when a concurrent request got there first. */
  private boolean claim(Context ctx, AuthFlow flow) {
    if (state.finish(flow.flowId())) {
      return true;
    }
    Responses.html(
        ctx, 410, Html.page("Link already used", "<p>This link has already been used.</p>"));
    return false;
  }

  private static void expired(Context ctx) {
    Responses.html(
        ctx,
        410,
        Html.page(
            "Session expired",
            "<p>This link has expired. Go back to the app and start connecting again.</p>"));
  }

  private static void notFound(Context ctx, String title) {
    Responses.html(ctx, 404, Html.page(title, "<p>Nothing to see here.</p>"));
  }

  private static byte[] stylesheet() {
    try (java.io.InputStream in =
        HostedPages.class.getResourceAsStream("/dev/terraauth/emulator/emulator.css")) {
      if (in == null) {
        throw new IllegalStateException("emulator.css is missing from the emulator jar");
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
