package dev.terraauth.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.auth.AppUserAuthenticator;
import dev.terraauth.gateway.auth.DevLogin;
import dev.terraauth.gateway.http.AdminApi;
import dev.terraauth.gateway.http.AppApi;
import dev.terraauth.gateway.http.Cors;
import dev.terraauth.gateway.http.ErrorMapper;
import dev.terraauth.gateway.http.LocalPages;
import dev.terraauth.gateway.http.ProblemException;
import dev.terraauth.gateway.http.RequestIds;
import dev.terraauth.gateway.http.ReturnPages;
import dev.terraauth.gateway.http.WebhookHandler;
import dev.terraauth.gateway.service.AppUserService;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.service.Reconciler;
import dev.terraauth.gateway.service.RejectionLog;
import dev.terraauth.gateway.service.WebhookReceiver;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.Database;
import dev.terraauth.gateway.store.DeliveryStore;
import dev.terraauth.gateway.store.SessionStore;
import dev.terraauth.gateway.terra.MeteredTerraUpstream;
import dev.terraauth.gateway.terra.TerraUpstream;
import dev.terraauth.gateway.webhook.ConnectionLedger;
import dev.terraauth.gateway.webhook.WebhookInbox;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The gateway: routes, handlers and their collaborators. {@link #start} listens; {@link #stop}. */
public final class GatewayApp implements AutoCloseable {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  private final Javalin javalin;
  private final GatewayConfig config;
  private final Reconciler reconciler;
  private ScheduledExecutorService scheduler;

  private GatewayApp(Javalin javalin, GatewayConfig config, Reconciler reconciler) {
    this.javalin = javalin;
    this.config = config;
    this.reconciler = reconciler;
  }

  /**
   * The collaborators the gateway is built from.
   *
   * @param verifier gives the verifier for each delivery, holding this environment's secrets (all
   *     generations) and, optionally, other environments' secrets so misrouted deliveries are
   *     recognised and refused; called per delivery, so it must be cheap
   * @param credentials what {@code /admin/credentials} shows and reloads
   */
  public record Parts(
      Database database,
      TerraUpstream terra,
      Supplier<WebhookVerifier> verifier,
      CredentialAdmin credentials,
      Clock clock) {

    public Parts {
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(credentials, "credentials");
    }

    /** Parts with one fixed verifier. */
    public Parts(
        Database database,
        TerraUpstream terra,
        WebhookVerifier verifier,
        CredentialAdmin credentials,
        Clock clock) {
      this(database, terra, fixed(verifier), credentials, clock);
    }

    private static Supplier<WebhookVerifier> fixed(WebhookVerifier verifier) {
      Objects.requireNonNull(verifier, "verifier");
      return () -> verifier;
    }
  }

  public static GatewayApp create(GatewayConfig config, Parts parts) {
    Clock clock = parts.clock();
    GatewayMetrics metrics = new GatewayMetrics();
    TerraUpstream terra = new MeteredTerraUpstream(parts.terra(), metrics, clock);
    Database database = parts.database();
    ConnectionStore connections = new ConnectionStore(database.jdbi());
    SessionStore sessions = new SessionStore(database.jdbi());
    DeliveryStore deliveries = new DeliveryStore(database.jdbi());
    RejectionLog rejections = new RejectionLog();
    WebhookInbox inbox =
        new WebhookInbox(database.jdbi(), deliveries, new ConnectionLedger(connections, sessions));
    WebhookReceiver receiver =
        new WebhookReceiver(
            config.environment(), parts.verifier(), inbox, rejections, metrics, clock);
    Reconciler reconciler = new Reconciler(database, connections, terra, clock);
    DevLogin devLogin =
        config.devLogin() ? DevLogin.forEnvironment(config.environment(), clock) : null;
    AppUserAuthenticator authenticator =
        new AppUserAuthenticator(devLogin != null ? devLogin.jwtSettings() : config.jwt());
    Cors cors = new Cors(config.corsOrigins());
    AppApi app =
        new AppApi(
            authenticator,
            new AppUserService(
                config, terra, database.jdbi(), connections, sessions, metrics, clock),
            url -> allowedReturnUrl(config, cors, url),
            clock);
    ReturnPages returns = new ReturnPages(sessions, config.appReturnUrl());
    AdminApi admin =
        new AdminApi(
            config.adminToken(),
            connections,
            sessions,
            deliveries,
            rejections,
            reconciler,
            parts.credentials(),
            clock);
    WebhookHandler webhooks = new WebhookHandler(receiver);
    LocalPages local = devLogin == null ? null : new LocalPages(devLogin);

    Javalin javalin =
        Javalin.create(
            javalinConfig -> {
              configure(javalinConfig);
              var routes = javalinConfig.routes;
              ErrorMapper.install(routes);
              routes.before(RequestIds::assign);
              routes.before("/api/*", cors::apply);
              routes.options("/api/*", cors::preflight);
              routes.post("/api/terra/widget-session", app::widgetSession);
              routes.post("/api/terra/mobile-token", app::mobileToken);
              routes.get("/api/terra/connections", app::connections);
              routes.delete("/api/terra/connections/{terraUserId}", app::disconnect);
              routes.post("/webhooks/terra", webhooks);
              routes.get("/terra/return/success", returns::success);
              routes.get("/terra/return/failure", returns::failure);
              routes.before("/admin/*", admin::guard);
              routes.get("/admin/connections", admin::connections);
              routes.get("/admin/sessions", admin::sessions);
              routes.get("/admin/deliveries", admin::deliveries);
              routes.post("/admin/reconcile", admin::reconcile);
              routes.get("/admin/credentials", admin::credentials);
              routes.post("/admin/credentials/reload", admin::reloadCredentials);
              routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
              routes.get(
                  "/health/ready",
                  ctx -> {
                    if (!database.isHealthy()) {
                      throw new ProblemException(
                          503, "service unavailable", "the database is not reachable", 5L);
                    }
                    ctx.json(Map.of("status", "ready"));
                  });
              routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              if (local != null) {
                routes.get("/", local::startPage);
                routes.post("/dev/login", local::devLogin);
              }
            });
    return new GatewayApp(javalin, config, reconciler);
  }

  private static void configure(JavalinConfig javalinConfig) {
    javalinConfig.startup.showJavalinBanner = false;
    javalinConfig.startup.showOldJavalinVersionWarning = false;
    javalinConfig.jsonMapper(new CoreJsonMapper());
    javalinConfig.requestLogger.http(
        (ctx, ms) -> {
          LOG.info(
              "{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), ms.longValue());
          MDC.remove(RequestIds.MDC_KEY);
        });
  }

  private static boolean allowedReturnUrl(GatewayConfig config, Cors cors, URI url) {
    String origin = origin(url);
    return cors.allows(origin)
        || origin.equals(origin(config.appReturnUrl()))
        || origin.equals(origin(config.publicUrl()));
  }

  private static String origin(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort());
  }

  /** Starts listening ({@code 0} picks a free port) and the reconciliation schedule, if any. */
  public GatewayApp start(String host, int port) {
    javalin.start(host, port);
    if (config.reconcileInterval() != null && !config.reconcileInterval().isZero()) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "terraauth-reconcile");
                thread.setDaemon(true);
                return thread;
              });
      long seconds = config.reconcileInterval().toSeconds();
      scheduler.scheduleWithFixedDelay(this::reconcileQuietly, seconds, seconds, TimeUnit.SECONDS);
    }
    return this;
  }

  private void reconcileQuietly() {
    try {
      Reconciler.Report report = reconciler.reconcile();
      if (!report.changes().isEmpty()) {
        LOG.info(
            "reconciliation repaired {} difference(s): {}",
            report.changes().size(),
            report.changes());
      }
    } catch (RuntimeException e) {
      LOG.warn("reconciliation failed: {}", e.getMessage());
    }
  }

  public int port() {
    return javalin.port();
  }

  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    javalin.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** Javalin's JSON through core's one mapper (snake_case). */
  private static final class CoreJsonMapper implements JsonMapper {
    @Override
    public String toJsonString(Object object, Type type) {
      try {
        return JSON.writeValueAsString(object);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON for " + type.getTypeName(), e);
      }
    }

    @Override
    public <T> T fromJsonString(String json, Type type) {
      try {
        return JSON.readValue(json, JSON.constructType(type));
      } catch (JsonProcessingException e) {
        throw ProblemException.badRequest("the body is not the expected JSON");
      }
    }
  }
}
