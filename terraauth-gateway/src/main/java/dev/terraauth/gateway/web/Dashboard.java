package dev.terraauth.gateway.web;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.gateway.http.ProblemException;
import dev.terraauth.gateway.relay.RelayAdmin;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.service.ReconcileJobs;
import dev.terraauth.gateway.store.ConnectionSearch;
import dev.terraauth.gateway.store.SessionSearch;
import dev.terraauth.gateway.webhook.DeliverySearch;
import dev.terraauth.gateway.webhook.RejectionLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The operator dashboard under {@code /admin}: server-rendered pages over the same stores the admin
 * JSON API reads, behind a sign-in with the admin token. Off (404) when no admin token is set.
 */
public final class Dashboard {
  private static final int MAX_TOKEN_CHARS = 1024;

  private final AdminSessions sessions;
  private final SignInLimit signInLimit;
  private final Secret adminToken;
  private final URI publicUrl;
  private final PageFrame frame;
  private final ConnectionsPage connections;
  private final SessionsPage sessionsPage;
  private final DeliveriesPage deliveries;
  private final CredentialsPage credentials;
  private final ReconcilePage reconcile;
  private final RelayPage relay;

  /** What the dashboard reads and does. Nullable: adminToken (the dashboard is then off). */
  public record Parts(
      Environment environment,
      URI publicUrl,
      Secret adminToken,
      Jdbi jdbi,
      RejectionLog rejections,
      CredentialAdmin credentials,
      ReconcileJobs reconcileJobs,
      RelayAdmin relay,
      Clock clock) {}

  public Dashboard(Parts parts) {
    this.adminToken = parts.adminToken();
    this.publicUrl = parts.publicUrl();
    this.sessions =
        parts.adminToken() == null
            ? null
            : new AdminSessions(
                parts.adminToken(), parts.environment() != Environment.LOCAL, parts.clock());
    this.signInLimit = new SignInLimit(parts.clock());
    this.frame = new PageFrame(parts.environment());
    this.connections =
        new ConnectionsPage(new ConnectionSearch(parts.jdbi()), new DeliverySearch(parts.jdbi()));
    this.sessionsPage = new SessionsPage(new SessionSearch(parts.jdbi()), parts.clock());
    this.deliveries = new DeliveriesPage(new DeliverySearch(parts.jdbi()), parts.rejections());
    this.credentials = new CredentialsPage(parts.credentials());
    this.reconcile = new ReconcilePage(parts.reconcileJobs());
    this.relay = new RelayPage(parts.relay());
  }

  /** Whether {@code path} is a dashboard page (the admin JSON API's bearer guard skips those). */
  public static boolean owns(String path) {
    return path.equals("/admin")
        || path.equals("/admin/")
        || path.startsWith("/admin/ui/")
        || path.equals("/admin/sign-in")
        || path.equals("/admin/sign-out");
  }

  public void register(RoutesConfig routes) {
    routes.get("/admin", this::home);
    routes.get("/admin/", this::home);
    routes.get("/admin/sign-in", this::signInPage);
    routes.post("/admin/sign-in", this::signIn);
    routes.post("/admin/sign-out", this::signOut);
    routes.get(
        "/admin/ui/connections",
        ctx -> page(ctx, "connections", "Connections", connections::render));
    routes.get(
        "/admin/ui/sessions", ctx -> page(ctx, "sessions", "Sessions", sessionsPage::render));
    routes.get(
        "/admin/ui/deliveries", ctx -> page(ctx, "deliveries", "Deliveries", deliveries::render));
    routes.get(
        "/admin/ui/credentials",
        ctx -> page(ctx, "credentials", "Credentials", c -> credentials.render()));
    routes.get("/admin/ui/relay", this::relayPage);
    routes.get("/admin/ui/relay/{id}", this::relayEndpointPage);
    routes.post("/admin/ui/relay/{id}/replay", this::relayReplay);
    routes.get("/admin/ui/reconcile", this::reconcilePage);
    routes.post("/admin/ui/reconcile", this::reconcileNow);
  }

  private void home(Context ctx) {
    enabled();
    ctx.redirect(
        sessions.current(ctx).isPresent() ? "/admin/ui/connections" : "/admin/sign-in",
        HttpStatus.SEE_OTHER);
  }

  private void signInPage(Context ctx) {
    enabled();
    if (sessions.current(ctx).isPresent()) {
      ctx.redirect("/admin/ui/connections", HttpStatus.SEE_OTHER);
      return;
    }
    html(ctx, 200, signInForm(ctx, null));
  }

  private void signIn(Context ctx) {
    enabled();
    sameOrigin(ctx);
    if (!sessions.signInTokenMatches(ctx, ctx.formParam(AdminSessions.CSRF_FIELD))) {
      html(ctx, 403, signInForm(ctx, "The form expired or came from another site. Sign in again."));
      return;
    }
    Optional<Long> wait = signInLimit.retryAfterSeconds();
    if (wait.isPresent()) {
      ctx.header("Retry-After", Long.toString(wait.get()));
      html(ctx, 429, signInForm(ctx, "Too many failed sign-ins; wait a minute and try again."));
      return;
    }
    String token = ctx.formParam("token");
    if (token == null || token.length() > MAX_TOKEN_CHARS || !adminToken.matches(token.strip())) {
      signInLimit.failed();
      html(
          ctx,
          401,
          signInForm(ctx, "That is not this gateway's admin token (TERRAAUTH_ADMIN_TOKEN)."));
      return;
    }
    sessions.signIn(ctx);
    ctx.redirect("/admin/ui/connections", HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    enabled();
    AdminSessions.Session session = requireSession(ctx);
    if (session == null) {
      return;
    }
    if (!csrfOk(ctx, session)) {
      return;
    }
    sessions.signOut(ctx, session);
    ctx.redirect("/admin/sign-in", HttpStatus.SEE_OTHER);
  }

  private void relayPage(Context ctx) {
    AdminSessions.Session session = requireSession(ctx);
    if (session != null) {
      html(ctx, 200, frame.page("relay", "Relay", relay.endpoints(ctx), session));
    }
  }

  private void relayEndpointPage(Context ctx) {
    AdminSessions.Session session = requireSession(ctx);
    if (session != null) {
      RelayPage.Rendered page = relay.endpoint(ctx, session.csrf());
      html(ctx, page.status(), frame.page("relay", page.title(), page.html(), session));
    }
  }

  private void relayReplay(Context ctx) {
    AdminSessions.Session session = requireSession(ctx);
    if (session == null || !csrfOk(ctx, session)) {
      return;
    }
    String id = ctx.pathParam("id");
    RelayPage.Replayed replayed =
        relay.replay(id, ctx.formParam("message_id"), ctx.formParam("since"));
    if (replayed.problem() != null) {
      html(
          ctx,
          replayed.status(),
          frame.page(
              "relay",
              "Replay refused",
              "<p class=\"problem\" role=\"alert\">"
                  + Html.escape(replayed.problem())
                  + "</p><p><a href=\"/admin/ui/relay\">Back to the relay</a></p>",
              session));
      return;
    }
    ctx.redirect(
        "/admin/ui/relay/"
            + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
            + "?replayed="
            + replayed.count(),
        HttpStatus.SEE_OTHER);
  }

  private void reconcilePage(Context ctx) {
    String jobId = ctx.queryParam("job");
    AdminSessions.Session session = requireSession(ctx);
    if (session == null) {
      return;
    }
    String content = reconcile.render(jobId, session.csrf());
    Integer refresh = reconcile.running(jobId) ? 1 : null;
    html(ctx, 200, frame.page("reconcile", "Reconcile", content, session, refresh));
  }

  private void reconcileNow(Context ctx) {
    AdminSessions.Session session = requireSession(ctx);
    if (session == null) {
      return;
    }
    if (!csrfOk(ctx, session)) {
      return;
    }
    ReconcileJobs.Job job = reconcile.jobs().start();
    ctx.redirect("/admin/ui/reconcile?job=" + job.id(), HttpStatus.SEE_OTHER);
  }

  private void page(
      Context ctx,
      String section,
      String title,
      java.util.function.Function<Context, String> body) {
    AdminSessions.Session session = requireSession(ctx);
    if (session != null) {
      html(ctx, 200, frame.page(section, title, body.apply(ctx), session));
    }
  }

  /** The signed-in session, or null after redirecting a browser to the sign-in page. */
  private AdminSessions.Session requireSession(Context ctx) {
    enabled();
    Optional<AdminSessions.Session> session = sessions.current(ctx);
    if (session.isEmpty()) {
      if (ctx.method().name().equals("GET")) {
        ctx.redirect("/admin/sign-in", HttpStatus.SEE_OTHER);
        return null;
      }
      throw new ProblemException(401, "unauthorized", "sign in to the dashboard first");
    }
    return session.get();
  }

  /** Whether the form carries this session's CSRF token; if not, a 403 page says so. */
  private boolean csrfOk(Context ctx, AdminSessions.Session session) {
    sameOrigin(ctx);
    if (sessions.csrfMatches(session, ctx.formParam(AdminSessions.CSRF_FIELD))) {
      return true;
    }
    html(
        ctx,
        403,
        frame.bare(
            "Refused",
            "<h1>Refused</h1><p class=\"problem\" role=\"alert\">This form's CSRF token"
                + " (<code>_csrf</code>) is missing or wrong, so nothing was done. Go back, reload"
                + " the page and try again.</p><p><a href=\"/admin/ui/connections\">Back to the"
                + " dashboard</a></p>"));
    return false;
  }

  /** A second line behind the CSRF token: a browser's Origin, when sent, must be this gateway. */
  private void sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return; // not a browser, or an old one: the CSRF token alone decides
    }
    String host = ctx.header("Host");
    String own = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
    boolean sameHost = host != null && origin.endsWith("://" + host);
    if (!origin.equals(own) && !sameHost) {
      throw new ProblemException(
          403, "forbidden", "a form from another origin (" + shorten(origin) + ") was refused");
    }
  }

  private String signInForm(Context ctx, String problem) {
    String token = sessions.signInToken(ctx);
    StringBuilder html = new StringBuilder(2048);
    html.append("<h1>terra-auth admin</h1>");
    if (problem != null) {
      html.append("<p class=\"problem\" role=\"alert\">")
          .append(Html.escape(problem))
          .append("</p>");
    }
    html.append("<form method=\"post\" action=\"/admin/sign-in\" class=\"card\">")
        .append("<input type=\"hidden\" name=\"")
        .append(AdminSessions.CSRF_FIELD)
        .append("\" value=\"")
        .append(Html.escape(token))
        .append("\"><label>Admin token <input type=\"password\" name=\"token\" required")
        .append(" autocomplete=\"current-password\" maxlength=\"1024\" autofocus></label>")
        .append("<button type=\"submit\" class=\"primary\">Sign in</button>")
        .append("<p class=\"note\">The token is exchanged for a session cookie (")
        .append(AdminSessions.LIFETIME.toHours())
        .append(" h); it is never put in a URL.</p></form>");
    return frame.bare("Sign in", html.toString());
  }

  private void enabled() {
    if (sessions == null) {
      throw ProblemException.notFound(
          "the admin dashboard is disabled (no admin token configured)");
    }
  }

  private static void html(Context ctx, int status, String html) {
    ctx.status(status)
        .header("Cache-Control", "no-store")
        .contentType("text/html; charset=utf-8")
        .result(html);
  }

  private static String shorten(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
