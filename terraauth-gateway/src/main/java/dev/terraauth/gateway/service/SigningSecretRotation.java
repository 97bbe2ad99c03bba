package dev.terraauth.gateway.service;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.ReloadingCredentials;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook verifier of a deployment whose signing secrets rotate without a restart: it verifies
 * against {@link ReloadingCredentials#acceptedSigningSecrets()} of the deployment's environment
 * (current secrets, then those retired less than the grace period ago), followed by other
 * environments' secrets so misrouted deliveries are still recognised.
 *
 * <p>{@link #get()} is on the hot path: it returns the cached verifier without locking until the
 * next check is due (every check interval, and exactly when a retired secret's grace period ends).
 * A check re-reads the accepted list (which reloads the files when they changed) and builds a new
 * {@link WebhookVerifier} only when the list's environments, generations or fingerprints differ.
 * Nothing here ever exposes a secret value: reports carry generations and fingerprints only.
 */
public final class SigningSecretRotation implements Supplier<WebhookVerifier> {
  private static final Logger LOG = LoggerFactory.getLogger(SigningSecretRotation.class);

  private record Snapshot(
      WebhookVerifier verifier,
      List<SigningSecret> accepted,
      List<String> labels,
      long refreshAtMillis) {}

  private final Environment environment;
  private final ReloadingCredentials credentials;
  private final List<SigningSecret> otherEnvironments;
  private final Duration checkInterval;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private long rebuilds; // guarded by this

  /**
   * @param otherEnvironments other environments' secrets (fixed), so a delivery signed for them is
   *     reported as misrouted rather than as a bad signature
   * @param checkInterval how often {@link #get()} looks for a changed list; zero: only on {@link
   *     #reload()} (grace periods still end on time)
   */
  public SigningSecretRotation(
      Environment environment,
      ReloadingCredentials credentials,
      List<SigningSecret> otherEnvironments,
      Duration checkInterval,
      Clock clock) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.otherEnvironments = List.copyOf(otherEnvironments);
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException("checkInterval must not be negative");
    }
    this.checkInterval = checkInterval;
    this.clock = Objects.requireNonNull(clock, "clock");
    refresh(true);
  }

  /** The verifier to use now; rebuilt only when the accepted secrets changed. */
  @Override
  public WebhookVerifier get() {
    Snapshot current = snapshot;
    return clock.millis() < current.refreshAtMillis() ? current.verifier() : refresh(false);
  }

  /** How many verifiers were built (1 at start, then one per change of the accepted list). */
  public synchronized long verifiersBuilt() {
    return rebuilds;
  }

  private synchronized WebhookVerifier refresh(boolean force) {
    Snapshot current = snapshot;
    long now = clock.millis();
    if (!force && current != null && now < current.refreshAtMillis()) {
      return current.verifier(); // another thread just did it
    }
    List<SigningSecret> accepted = credentials.acceptedSigningSecrets();
    long refreshAt = checkInterval.isZero() ? Long.MAX_VALUE : now + checkInterval.toMillis();
    for (ReloadingCredentials.Retired retired : credentials.retiredSigningSecrets()) {
      refreshAt = Math.min(refreshAt, retired.acceptedUntil().toEpochMilli());
    }
    List<String> labels = accepted.stream().map(SigningSecret::label).toList();
    WebhookVerifier verifier;
    if (current != null && labels.equals(current.labels())) {
      verifier = current.verifier();
    } else {
      List<SigningSecret> candidates = new ArrayList<>(accepted);
      candidates.addAll(otherEnvironments);
      verifier = WebhookVerifier.builder().secrets(candidates).clock(clock).build();
      rebuilds++;
      if (current != null) {
        LOG.info("webhook signing secrets of {} are now {}", environment.id(), labels);
      }
    }
    snapshot = new Snapshot(verifier, accepted, labels, refreshAt);
    return verifier;
  }

  /**
   * Re-reads the credentials now and reports what changed, by generation and fingerprint only. A
   * broken configuration keeps the previous secrets and is reported as {@code reloaded: false} with
   * the problem.
   */
  public synchronized Map<String, Object> reload() {
    Snapshot before = snapshot;
    boolean taken = credentials.reload();
    refresh(true);
    Snapshot after = snapshot;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("environment", environment.id());
    report.put("reloaded", taken);
    report.put("problem", credentials.lastReloadProblem().orElse(null));
    report.put("verifier_rebuilt", after.verifier() != before.verifier());
    report.put("added", describe(minus(after.accepted(), before.labels())));
    report.put("no_longer_accepted", describe(minus(before.accepted(), after.labels())));
    report.put("accepted", describe(after.accepted()));
    report.put("retiring", retiring());
    return report;
  }

  /** The state for {@code /admin/credentials}: accepted secrets, retiring ones, last problem. */
  public Map<String, Object> health() {
    get();
    Snapshot current = snapshot;
    Map<String, Object> health = new LinkedHashMap<>();
    health.put(
        "signing_secrets",
        current.verifier().secrets().stream().map(SigningSecret::label).toList());
    health.put("accepted", describe(current.accepted()));
    health.put("retiring", retiring());
    health.put("last_reload_problem", credentials.lastReloadProblem().orElse(null));
    return health;
  }

  private List<Map<String, Object>> retiring() {
    List<Map<String, Object>> retiring = new ArrayList<>();
    for (ReloadingCredentials.Retired retired : credentials.retiredSigningSecrets()) {
      Map<String, Object> view = describe(retired.secret());
      view.put("accepted_until", retired.acceptedUntil().toString());
      retiring.add(view);
    }
    return retiring;
  }

  private static List<SigningSecret> minus(List<SigningSecret> secrets, List<String> labels) {
    return secrets.stream().filter(s -> !labels.contains(s.label())).toList();
  }

  private static List<Map<String, Object>> describe(List<SigningSecret> secrets) {
    return secrets.stream().map(SigningSecretRotation::describe).toList();
  }

  private static Map<String, Object> describe(SigningSecret secret) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("environment", secret.environment().id());
    view.put("generation", secret.generation());
    view.put("fingerprint", secret.secret().fingerprint());
    return view;
  }
}
