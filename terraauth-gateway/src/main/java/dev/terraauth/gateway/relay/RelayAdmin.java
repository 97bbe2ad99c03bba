package dev.terraauth.gateway.relay;

import dev.terraauth.core.config.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the admin API does to endpoints: create (with a generated secret, shown once), change,
 * rotate the secret (the old one keeps signing for a grace period), delete, replay.
 */
public final class RelayAdmin {
  /** Most events one replay-since queues (a bound on one request's work). */
  public static final int MAX_REPLAY = 100_000;

  private static final int MAX_ENDPOINTS = 100;
  private static final int MAX_DESCRIPTION = 500;

  private final EndpointStore endpoints;
  private final OutboxStore outbox;
  private final Environment environment;
  private final RelaySettings settings;
  private final Clock clock;

  public RelayAdmin(
      EndpointStore endpoints,
      OutboxStore outbox,
      Environment environment,
      RelaySettings settings,
      Clock clock) {
    this.endpoints = endpoints;
    this.outbox = outbox;
    this.environment = environment;
    this.settings = settings;
    this.clock = clock;
  }

  /** A refused request: the message names the field and what is wrong. */
  public static final class InvalidRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public InvalidRequestException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** A created endpoint and its secret (returned only here). */
  public record Created(RelayEndpoint endpoint, RelaySecret secret) {}

  public List<RelayEndpoint> all() {
    return endpoints.all();
  }

  public Optional<RelayEndpoint> find(String id) {
    return id.length() > 64 ? Optional.empty() : endpoints.find(id);
  }

  public EndpointStats stats(String id) {
    return outbox.stats(id);
  }

  public List<AttemptRecord> attempts(String id, int limit) {
    return outbox.attempts(existing(id).id(), limit);
  }

  public Created create(EndpointChange change) {
    if (change.url() == null) {
      throw new InvalidRequestException(400, "url is required");
    }
    checkUrl(change);
    checkDescription(change);
    if (endpoints.all().size() >= MAX_ENDPOINTS) {
      throw new InvalidRequestException(409, "at most " + MAX_ENDPOINTS + " relay endpoints");
    }
    long now = clock.millis();
    RelaySecret secret = RelaySecret.generate();
    RelayEndpoint endpoint =
        new RelayEndpoint(
            "ep_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
            RelayEndpoint.SOURCE_ADMIN,
            change.url(),
            change.description(),
            change.filter(),
            change.enabled() == null || change.enabled(),
            change.ordered() != null && change.ordered(),
            secret,
            null,
            null,
            null,
            null,
            now,
            now);
    endpoints.insert(endpoint);
    return new Created(endpoint, secret);
  }

  public RelayEndpoint change(String id, EndpointChange change) {
    RelayEndpoint current = editable(id);
    checkUrl(change);
    checkDescription(change);
    boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
    boolean reEnabled = enabled && !current.enabled();
    RelayEndpoint changed =
        new RelayEndpoint(
            current.id(),
            current.source(),
            change.url() == null ? current.url() : change.url(),
            change.description() == null ? current.description() : change.description(),
            change.filter() == null ? current.filter() : change.filter(),
            enabled,
            change.ordered() == null ? current.ordered() : change.ordered(),
            current.secret(),
            current.previousSecret(),
            current.previousSecretUntilMs(),
            reEnabled ? null : current.failingSinceMs(),
            enabled
                ? null
                : (change.enabled() != null
                    ? "disabled by the operator"
                    : current.disabledReason()),
            current.createdAtMs(),
            clock.millis());
    endpoints.update(changed);
    return changed;
  }

  /** Generates a new secret; the current one keeps signing (second entry) for {@code grace}. */
  public Created rotate(String id, Duration grace) {
    RelayEndpoint current = editable(id);
    Duration keep = grace == null ? settings.rotationGrace() : grace;
    if (keep.isNegative() || keep.compareTo(Duration.ofDays(30)) > 0) {
      throw new InvalidRequestException(400, "grace must be between PT0S and P30D, not " + keep);
    }
    long now = clock.millis();
    RelaySecret secret = RelaySecret.generate();
    RelayEndpoint rotated =
        new RelayEndpoint(
            current.id(),
            current.source(),
            current.url(),
            current.description(),
            current.filter(),
            current.enabled(),
            current.ordered(),
            secret,
            current.secret(),
            now + keep.toMillis(),
            current.failingSinceMs(),
            current.disabledReason(),
            current.createdAtMs(),
            now);
    endpoints.update(rotated);
    return new Created(rotated, secret);
  }

  public void delete(String id) {
    editable(id);
    endpoints.delete(id);
  }

  public int replayMessage(String id, String messageId) {
    RelayEndpoint endpoint = existing(id);
    if (messageId.length() > 64 || !outbox.replayMessage(endpoint.id(), messageId)) {
      throw new InvalidRequestException(
          404,
          "no retained event with message_id "
              + messageId.substring(0, Math.min(64, messageId.length())));
    }
    return 1;
  }

  public int replaySince(String id, long sinceMs) {
    RelayEndpoint endpoint = existing(id);
    return outbox.replaySince(endpoint.id(), endpoint.filter(), sinceMs, MAX_REPLAY);
  }

  private RelayEndpoint existing(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    404, "no relay endpoint " + (id.length() > 64 ? id.substring(0, 64) : id)));
  }

  private RelayEndpoint editable(String id) {
    RelayEndpoint endpoint = existing(id);
    if (endpoint.configured()) {
      throw new InvalidRequestException(
          409,
          "endpoint 'config' comes from --relay-url and TERRAAUTH_RELAY_SECRET: change those and"
              + " restart (to rotate, put the new and the old secret in TERRAAUTH_RELAY_SECRET,"
              + " separated by a space)");
    }
    return endpoint;
  }

  private void checkUrl(EndpointChange change) {
    if (change.url() != null) {
      RelayUrlRule.problem(environment, "url", change.url(), settings.allowHttpLoopback())
          .ifPresent(
              problem -> {
                throw new InvalidRequestException(400, problem);
              });
    }
  }

  private static void checkDescription(EndpointChange change) {
    if (change.description() != null && change.description().length() > MAX_DESCRIPTION) {
      throw new InvalidRequestException(
          400, "description is longer than " + MAX_DESCRIPTION + " characters");
    }
  }
}
