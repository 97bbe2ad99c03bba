package dev.terraauth.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.config.RedirectUrlRule;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.auth.AppUserAuthenticator;
import dev.terraauth.gateway.auth.DevLogin;
import dev.terraauth.gateway.http.AdminApi;
import dev.terraauth.gateway.http.AppApi;
import dev.terraauth.gateway.http.Cors;
import dev.terraauth.gateway.http.ErrorMapper;
import dev.terraauth.gateway.http.EventFeedApi;
import dev.terraauth.gateway.http.LocalPages;
import dev.terraauth.gateway.http.ProblemErrorHandler;
import dev.terraauth.gateway.http.ProblemException;
import dev.terraauth.gateway.http.RelayAdminApi;
import dev.terraauth.gateway.http.RequestIds;
import dev.terraauth.gateway.http.ReturnPages;
import dev.terraauth.gateway.relay.EndpointStore;
import dev.terraauth.gateway.relay.OutboxStore;
import dev.terraauth.gateway.relay.RelayAdmin;
import dev.terraauth.gateway.relay.RelayDispatcher;
import dev.terraauth.gateway.relay.RelayMetrics;
import dev.terraauth.gateway.relay.RelaySettings;
import dev.terraauth.gateway.relay.RelaySignal;
import dev.terraauth.gateway.service.AppUserService;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.service.Reconciler;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.Database;
import dev.terraauth.gateway.store.GroupCommitWriter;
import dev.terraauth.gateway.store.SessionStore;
import dev.terraauth.gateway.terra.MeteredTerraUpstream;
import dev.terraauth.gateway.terra.TerraUpstream;
import dev.terraauth.gateway.web.Assets;
import dev.terraauth.gateway.web.Dashboard;
import dev.terraauth.gateway.web.SecurityHeaders;
import dev.terraauth.gateway.webhook.ConnectionLedger;
import dev.terraauth.gateway.webhook.DeliveryRetention;
import dev.terraauth.gateway.webhook.DeliveryStore;
import dev.terraauth.gateway.webhook.RejectionLog;
import dev.terraauth.gateway.webhook.WebhookHandler;
import dev.terraauth.gateway.webhook.WebhookInbox;
import dev.terraauth.gateway.webhook.WebhookReceiver;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The gateway: routes, handlers and their collaborators. {@link #start} listens; {@link #stop}. */
public final class GatewayApp implements AutoCloseable {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  private static final LogBudget CLIENT_ERRORS =
      new LogBudget(LOG, "requests answered 4xx", 50, Duration.ofSeconds(10));

  /** Request threads; webhook bodies are read without holding one, so few are needed. */
  private static final int HTTP_THREADS = 200;

  private static final String WEBHOOK_PATH = "/webhooks/terra";

  /** The app API's paths, each with a CORS preflight. */
  private static final List<String> API_PATHS =
      List.of(
          "/api/terra/widget-session",
          "/api/terra/mobile-token",
          "/api/terra/streaming-token",
          "/api/terra/connections",
          "/api/terra/connections/{terraUserId}");

  private final Javalin javalin;
  private final GatewayConfig config;
  private final Reconciler reconciler;
  private final GroupCommitWriter writer;
  private final DeliveryRetention retention;
  private final WebhookHandler webhooks;
  private final RelayDispatcher relay;
  private final OutboxStore outbox;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  private GatewayApp(
      Javalin javalin,
      GatewayConfig config,
      Reconciler reconciler,
      GroupCommitWriter writer,
      DeliveryRetention retention,
      WebhookHandler webhooks,
      RelayDispatcher relay,
      OutboxStore outbox,
      Clock clock) {
    this.javalin = javalin;
    this.config = config;
    this.reconciler = reconciler;
    this.writer = writer;
    this.retention = retention;
    this.webhooks = webhooks;
    this.relay = relay;
    this.outbox = outbox;
    this.clock = clock;
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
    IntakeSettings intake = config.intake();
    QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, 8);
    threads.setName("terraauth-http");
    GroupCommitWriter writer =
        new GroupCommitWriter(
            database.jdbi(),
            intake.batchSize(),
            intake.batchWait(),
            intake.writeQueue(),
            metrics::batchCommitted,
            threads);
    ConnectionStore connections = new ConnectionStore(database.jdbi());
    SessionStore sessions = new SessionStore(database.jdbi(), writer);
    DeliveryStore deliveries = new DeliveryStore(database.jdbi(), database.isPostgres());
    RejectionLog rejections = new RejectionLog();
    RelaySettings relaySettings = config.relay();
    RelaySignal committed = new RelaySignal();
    OutboxStore outbox = new OutboxStore(database.jdbi(), database.isPostgres(), committed, clock);
    EndpointStore relayEndpoints = new EndpointStore(database.jdbi());
    if (relaySettings.configured() != null) {
      relayEndpoints.upsertConfigured(relaySettings.configured(), clock.millis());
    } else {
      relayEndpoints.disableConfigured(clock.millis());
    }
    RelayDispatcher relay =
        new RelayDispatcher(
            outbox,
            relayEndpoints,
            relaySettings,
            new RelayMetrics(metrics.registry(), outbox::queuedCount),
            committed,
            writer,
            clock);
    RelayAdmin relayService =
        new RelayAdmin(relayEndpoints, outbox, config.environment(), relaySettings, clock);
    RelayAdminApi relayAdmin = new RelayAdminApi(relayService);
    EventFeedApi feed =
        new EventFeedApi(relaySettings.eventsToken(), outbox, committed, relaySettings.pollEvery());
    WebhookInbox inbox =
        new WebhookInbox(writer, deliveries, new ConnectionLedger(connections, sessions), outbox);
    WebhookReceiver receiver =
        new WebhookReceiver(
            config.environment(), parts.verifier(), inbox, rejections, metrics, clock);
    DeliveryRetention retention =
        new DeliveryRetention(
            database,
            deliveries,
            intake.retainDeliveries(),
            () -> parts.verifier().get().tolerance().plus(intake.retryHorizon()),
            intake.retentionBatch(),
            metrics,
            clock);
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
            url -> returnUrlProblem(config, cors, url),
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
    WebhookHandler webhooks = new WebhookHandler(receiver, intake, metrics);
    LocalPages local = devLogin == null ? null : new LocalPages(devLogin);
    Dashboard dashboard =
        new Dashboard(
            new Dashboard.Parts(
                config.environment(),
                config.publicUrl(),
                config.adminToken(),
                database.jdbi(),
                rejections,
                parts.credentials(),
                admin.reconcileJobs(),
                relayService,
                clock));
    Assets assets = new Assets();

    Javalin javalin =
        Javalin.create(
            javalinConfig -> {
              configure(javalinConfig);
              javalinConfig.jetty.threadPool = threads;
              // what Jetty answers itself (oversized headers, a malformed path) as problem+json
              javalinConfig.jetty.modifyServer(
                  server -> server.setErrorHandler(new ProblemErrorHandler()));
              var routes = javalinConfig.routes;
              ErrorMapper.install(routes);
              routes.before(SecurityHeaders::apply);
              routes.before(RequestIds::assign);
              routes.before("/api/*", cors::apply);
              // preflights on the API's own paths only: a catch-all OPTIONS route made every
              // unknown /api path a 405 "allowed: OPTIONS" instead of a 404
              for (String path : API_PATHS) {
                routes.options(path, cors::preflight);
              }
              routes.post("/api/terra/widget-session", app::widgetSession);
              routes.post("/api/terra/mobile-token", app::mobileToken);
              routes.post("/api/terra/streaming-token", app::streamingToken);
              routes.get("/api/terra/connections", app::connections);
              routes.delete("/api/terra/connections/{terraUserId}", app::disconnect);
              routes.post(WEBHOOK_PATH, webhooks);
              routes.get("/terra/return/success", returns::success);
              routes.get("/terra/return/failure", returns::failure);
              routes.get("/assets/{file}", assets::serve);
              dashboard.register(routes);
              routes.before(
                  "/admin/*",
                  ctx -> {
                    if (!Dashboard.owns(ctx.path())) {
                      admin.guard(ctx);
                    }
                  });
              routes.get("/admin/connections", admin::connections);
              routes.get("/admin/sessions", admin::sessions);
              routes.get("/admin/deliveries", admin::deliveries);
              routes.get("/admin/deliveries/{key}", admin::delivery);
              routes.post("/admin/reconcile", admin::reconcile);
              routes.get("/admin/reconcile/{id}", admin::reconcileJob);
              routes.get("/admin/credentials", admin::credentials);
              routes.post("/admin/credentials/reload", admin::reloadCredentials);
              routes.get("/admin/relay/endpoints", relayAdmin::list);
              routes.post("/admin/relay/endpoints", relayAdmin::create);
              routes.get("/admin/relay/endpoints/{id}", relayAdmin::show);
              routes.patch("/admin/relay/endpoints/{id}", relayAdmin::update);
              routes.delete("/admin/relay/endpoints/{id}", relayAdmin::delete);
              routes.get("/admin/relay/endpoints/{id}/attempts", relayAdmin::attempts);
              routes.post("/admin/relay/endpoints/{id}/replay", relayAdmin::replay);
              routes.post("/admin/relay/endpoints/{id}/rotate-secret", relayAdmin::rotateSecret);
              routes.get("/events", feed::events);
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
    return new GatewayApp(
        javalin, config, reconciler, writer, retention, webhooks, relay, outbox, clock);
  }

  private static void configure(JavalinConfig javalinConfig) {
    javalinConfig.startup.showJavalinBanner = false;
    javalinConfig.startup.showOldJavalinVersionWarning = false;
    javalinConfig.http.prefer405over404 = true; // a known path with the wrong method: 405
    javalinConfig.jsonMapper(new CoreJsonMapper());
    // The gateway answers small JSON documents; deciding per response whether to compress cost
    // more CPU on the intake path than anything it would save (a proxy in front can compress).
    javalinConfig.http.compressionStrategy = CompressionStrategy.NONE;
    javalinConfig.requestLogger.http(
        (ctx, ms) -> {
          // accepted webhooks are the high-volume path: counted in /metrics, logged at DEBUG
          boolean routine = ctx.statusCode() < 400 && ctx.path().equals(WEBHOOK_PATH);
          // 4xx answers are the ones a stranger can cause at will (forged webhooks, unknown
          // paths, bad tokens): logged within a budget, counted in /metrics all the same
          boolean logged =
              routine
                  ? LOG.isDebugEnabled()
                  : ctx.statusCode() < 400 || ctx.statusCode() >= 500 || CLIENT_ERRORS.allow();
          if (logged) {
            String line = "{} {} -> {} in {} ms";
            Object[] values = {ctx.method(), ctx.path(), ctx.statusCode(), ms.longValue()};
            if (routine) {
              LOG.debug(line, values);
            } else {
              LOG.info(line, values);
            }
          }
          MDC.remove(RequestIds.MDC_KEY);
        });
  }

  /** The HTTPS rule first (its message names the rule), then the app's own origins. */
  private static Optional<String> returnUrlProblem(GatewayConfig config, Cors cors, URI url) {
    Optional<String> insecure =
        RedirectUrlRule.problem(
            config.environment(), "return_url", url, RedirectUrlRule.DeepLinks.ALLOWED);
    if (insecure.isPresent()) {
      return insecure;
    }
    String origin = origin(url);
    boolean own =
        cors.allows(origin)
            || origin.equals(origin(config.appReturnUrl()))
            || origin.equals(origin(config.publicUrl()));
    return own
        ? Optional.empty()
        : Optional.of(
            "return_url must be on one of the app's origins (--cors-origin, --app-return-url,"
                + " --public-url); "
                + origin
                + " is not");
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
    // a silent connection (slow headers, a stalled body, an idle keep-alive) is closed
    for (Connector connector : javalin.jettyServer().server().getConnectors()) {
      if (connector instanceof AbstractConnector bounded) {
        bounded.setIdleTimeout(config.intake().idleTimeout().toMillis());
      }
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "terraauth-schedule");
              thread.setDaemon(true);
              return thread;
            });
    if (config.reconcileInterval() != null && !config.reconcileInterval().isZero()) {
      long seconds = config.reconcileInterval().toSeconds();
      scheduler.scheduleWithFixedDelay(this::reconcileQuietly, seconds, seconds, TimeUnit.SECONDS);
    }
    Duration every = config.intake().retentionEvery();
    if (!every.isZero()) {
      scheduler.scheduleWithFixedDelay(
          this::pruneQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    relay.start();
    return this;
  }

  /** Runs the retention job now (it also runs every {@code retentionEvery}). */
  public DeliveryRetention.Report prune() {
    return retention.run();
  }

  private void pruneQuietly() {
    try {
      retention.run();
    } catch (RuntimeException e) {
      LOG.warn("retention failed: {}", e.getClass().getSimpleName());
    }
    pruneRelay();
  }

  /** The relay's history follows the deliveries' retention (bounded batches). */
  private void pruneRelay() {
    long before = clock.millis() - config.intake().retainDeliveries().toMillis();
    try {
      int batch = config.intake().retentionBatch();
      for (int round = 0; round < 1_000 && outbox.prune(before, batch) == batch; round++) {
        // another batch
      }
    } catch (RuntimeException e) {
      LOG.warn("relay retention failed: {}", e.getClass().getSimpleName());
    }
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
    webhooks.close();
    relay.close();
    writer.close();
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
