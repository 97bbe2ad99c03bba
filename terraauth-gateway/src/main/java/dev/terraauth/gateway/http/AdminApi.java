package dev.terraauth.gateway.http;

import dev.terraauth.core.config.Secret;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.service.ReconcileJobs;
import dev.terraauth.gateway.service.Reconciler;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.SessionStore;
import dev.terraauth.gateway.webhook.DeliveryOutcome;
import dev.terraauth.gateway.webhook.DeliveryStore;
import dev.terraauth.gateway.webhook.RejectionLog;
import dev.terraauth.gateway.webhook.WebhookDelivery;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operator endpoints behind their own bearer token (not an app user's JWT). */
public final class AdminApi {
  private static final int LIMIT = 200;

  private final Secret adminToken;
  private final ConnectionStore connections;
  private final SessionStore sessions;
  private final DeliveryStore deliveries;
  private final RejectionLog rejections;
  private final Reconciler reconciler;
  private final ReconcileJobs reconcileJobs;
  private final CredentialAdmin credentials;
  private final Clock clock;

  public AdminApi(
      Secret adminToken,
      ConnectionStore connections,
      SessionStore sessions,
      DeliveryStore deliveries,
      RejectionLog rejections,
      Reconciler reconciler,
      CredentialAdmin credentials,
      Clock clock) {
    this.adminToken = adminToken;
    this.connections = connections;
    this.sessions = sessions;
    this.deliveries = deliveries;
    this.rejections = rejections;
    this.reconciler = reconciler;
    this.reconcileJobs = new ReconcileJobs(reconciler, clock);
    this.credentials = credentials;
    this.clock = clock;
  }

  /** The reconciliation jobs of this instance (the dashboard starts and shows the same ones). */
  public ReconcileJobs reconcileJobs() {
    return reconcileJobs;
  }

  /** Before-handler for {@code /admin/*}: 404 when disabled, 401 without the admin token. */
  public void guard(Context ctx) {
    if (adminToken == null) {
      throw ProblemException.notFound("the admin API is disabled (no admin token configured)");
    }
    String header = ctx.header("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : null;
    if (!adminToken.matches(presented)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ProblemException(401, "unauthorized", "the admin token is missing or wrong");
    }
  }

  public void connections(Context ctx) {
    ctx.json(Map.of("connections", connections.all(LIMIT).stream().map(AppApi::view).toList()));
  }

  public void sessions(Context ctx) {
    long now = clock.millis();
    ctx.json(
        Map.of(
            "sessions",
            sessions.recent(LIMIT).stream()
                .map(
                    session -> {
                      Map<String, Object> view = new LinkedHashMap<>(AppApi.view(session, now));
                      view.put("reference_id", session.referenceId());
                      view.put("redirect_hint", String.valueOf(session.redirectHint()));
                      // orphan: a session with no webhook outcome after it expired
                      view.put("orphan", "expired".equals(session.status(now)));
                      return view;
                    })
                .toList()));
  }

  public void deliveries(Context ctx) {
    ctx.json(
        Map.of(
            "deliveries", deliveries.recent(LIMIT).stream().map(AdminApi::view).toList(),
            "refused", rejections.recent()));
  }

  /** One stored delivery with its raw body (for {@code terra-auth deliveries show|resend}). */
  public void delivery(Context ctx) {
    String key = ctx.pathParam("key");
    if (key.length() > 200) {
      throw ProblemException.notFound("no delivery with that key");
    }
    WebhookDelivery delivery =
        deliveries
            .find(key)
            .orElseThrow(() -> ProblemException.notFound("no delivery with key " + key));
    Map<String, Object> view = new LinkedHashMap<>(view(delivery));
    view.put("body", delivery.body());
    ctx.json(view);
  }

  /** Starts a reconciliation in the background: 202 with the job and its Location. */
  public void reconcile(Context ctx) {
    ReconcileJobs.Job job = reconcileJobs.start();
    ctx.status(202).header("Location", "/admin/reconcile/" + job.id()).json(job.view());
  }

  /** {@code GET /admin/reconcile/{id}}: a job's progress, then its result. */
  public void reconcileJob(Context ctx) {
    ctx.json(
        reconcileJobs
            .find(ctx.pathParam("id"))
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no such reconciliation job on this instance (jobs are kept in memory)"))
            .view());
  }

  public void credentials(Context ctx) {
    ctx.json(Map.of("environments", credentials.health()));
  }

  /**
   * Re-reads the credential files now; reports what changed by generation and fingerprint. A broken
   * edit keeps the previous secrets: 200 with {@code reloaded: false} and the problem.
   */
  public void reloadCredentials(Context ctx) {
    Map<String, Object> report =
        credentials
            .reload()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "this gateway's credentials are fixed (local environment); nothing to"
                            + " reload"));
    ctx.json(report);
  }

  private static Map<String, Object> view(WebhookDelivery delivery) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("dedupe_key", delivery.dedupeKey());
    view.put("trace_id", delivery.traceId());
    view.put("type", delivery.eventType());
    view.put("outcome", delivery.outcome().label());
    view.put("verified_with", delivery.matchedSecret());
    view.put("terra_user_id", delivery.terraUserId());
    view.put("ordering_timestamp", delivery.orderingTimestampMs());
    view.put("received_at", Instant.ofEpochMilli(delivery.receivedAtMs()).toString());
    // orphan: an event about a Terra user the gateway never issued a session for
    view.put("orphan", delivery.outcome() == DeliveryOutcome.ORPHAN);
    return view;
  }
}
