package dev.terraauth.core.config;

import dev.terraauth.core.error.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials of one environment that follow their files without a restart: every {@link
 * #current()} call checks (at most once per check interval) whether the {@code .env.terra.<env>}
 * file or the secrets directory changed and reloads; {@link #reload()} reloads on demand. A signing
 * secret that disappears in a reload stays accepted for a grace period, so deliveries signed just
 * before a rotation still verify.
 *
 * <p>A reload that finds errors (e.g. a half-saved file) keeps the previous credentials and reports
 * the problem through {@link #lastReloadProblem()} and a warning log: a running service is not
 * taken down by an edit. The first load fails loudly. Thread-safe.
 */
public final class ReloadingCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingCredentials.class);

  /** A signing secret removed by a reload, still accepted until {@code acceptedUntil}. */
  public record Retired(SigningSecret secret, Instant acceptedUntil) {}

  private final CredentialsLoader loader;
  private final Environment environment;
  private final Duration gracePeriod;
  private final Duration checkInterval;
  private final Clock clock;

  private TerraCredentials credentials;
  private byte[] stamp;
  private Instant nextCheck;
  private final List<Retired> retired = new ArrayList<>();
  private String lastReloadProblem;

  private ReloadingCredentials(Builder builder) {
    this.loader = builder.loader;
    this.environment = builder.environment;
    this.gracePeriod = builder.gracePeriod;
    this.checkInterval = builder.checkInterval;
    this.clock = builder.clock;
    this.stamp = loader.sourceStamp(environment);
    this.credentials = loader.load(environment);
    this.nextCheck = clock.instant().plus(checkInterval);
  }

  /**
   * A builder: grace period 1 hour, check interval 5 seconds, the system clock.
   *
   * @param loader where the credentials are read from
   * @param environment the environment to follow
   * @return this builder
   */
  public static Builder builder(CredentialsLoader loader, Environment environment) {
    return new Builder(loader, environment);
  }

  /** {@return the current credentials, reloaded first when a source file changed} */
  public synchronized TerraCredentials current() {
    Instant now = clock.instant();
    if (!now.isBefore(nextCheck)) {
      nextCheck = now.plus(checkInterval);
      if (!Arrays.equals(stamp, loader.sourceStamp(environment))) {
        reload();
      }
    }
    return credentials;
  }

  /**
   * {@return the signing secrets a webhook may be signed with: the current ones (newest first),
   * then those retired by a reload less than the grace period ago}
   */
  public synchronized List<SigningSecret> acceptedSigningSecrets() {
    List<SigningSecret> accepted = new ArrayList<>(current().signingSecrets());
    Instant now = clock.instant();
    retired.removeIf(r -> !now.isBefore(r.acceptedUntil()));
    retired.forEach(r -> accepted.add(r.secret()));
    return List.copyOf(accepted);
  }

  /**
   * {@return the signing secrets removed by a reload that are still accepted, each with the instant
   * it stops being accepted (so a caller caching {@link #acceptedSigningSecrets()} knows when to
   * look again)}
   */
  public synchronized List<Retired> retiredSigningSecrets() {
    Instant now = clock.instant();
    retired.removeIf(r -> !now.isBefore(r.acceptedUntil()));
    return List.copyOf(retired);
  }

  /**
   * Re-reads every source now.
   *
   * @return true when the new configuration was taken, false when it had errors and the previous
   *     one is kept (see {@link #lastReloadProblem()})
   */
  public synchronized boolean reload() {
    byte[] newStamp = loader.sourceStamp(environment);
    TerraCredentials loaded;
    try {
      loaded = loader.load(environment);
    } catch (ConfigException e) {
      lastReloadProblem = e.getMessage();
      stamp = newStamp; // do not retry the same broken content on every call
      LOG.warn("keeping the previous credentials of {}: {}", environment.id(), e.getMessage());
      return false;
    }
    Instant until = clock.instant().plus(gracePeriod);
    for (SigningSecret old : credentials.signingSecrets()) {
      boolean kept =
          loaded.signingSecrets().stream().anyMatch(s -> s.secret().matches(old.secret()));
      if (!kept && retired.stream().noneMatch(r -> r.secret().secret().matches(old.secret()))) {
        retired.add(new Retired(old, until));
        LOG.info("signing secret {} retired; accepted until {}", old.label(), until);
      }
    }
    retired.removeIf(
        r ->
            loaded.signingSecrets().stream()
                .anyMatch(s -> s.secret().matches(r.secret().secret())));
    credentials = loaded;
    stamp = newStamp;
    lastReloadProblem = null;
    LOG.info("reloaded the credentials of {}", environment.id());
    return true;
  }

  /** {@return why the last reload was refused, or empty when it succeeded} */
  public synchronized Optional<String> lastReloadProblem() {
    return Optional.ofNullable(lastReloadProblem);
  }

  /** Options of a {@link ReloadingCredentials}. Not thread-safe. */
  public static final class Builder {
    private final CredentialsLoader loader;
    private final Environment environment;
    private Duration gracePeriod = Duration.ofHours(1);
    private Duration checkInterval = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private Builder(CredentialsLoader loader, Environment environment) {
      this.loader = Objects.requireNonNull(loader, "loader");
      this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * How long a signing secret removed by a reload stays accepted.
     *
     * @param gracePeriod how long a signing secret removed by a reload stays accepted
     * @return this builder
     */
    public Builder gracePeriod(Duration gracePeriod) {
      if (gracePeriod.isNegative()) {
        throw new IllegalArgumentException("gracePeriod must not be negative");
      }
      this.gracePeriod = gracePeriod;
      return this;
    }

    /**
     * How often {@link #current()} looks at the files (zero: on every call).
     *
     * @param checkInterval how often {@link #current()} looks at the files (zero: on every call)
     * @return this builder
     */
    public Builder checkInterval(Duration checkInterval) {
      if (checkInterval.isNegative()) {
        throw new IllegalArgumentException("checkInterval must not be negative");
      }
      this.checkInterval = checkInterval;
      return this;
    }

    /**
     * The clock for the grace period and the check interval (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Loads the credentials for the first time.
     *
     * @return the reloading credentials
     * @throws ConfigException when the configuration is not usable
     */
    public ReloadingCredentials build() {
      return new ReloadingCredentials(this);
    }
  }
}
