package dev.terraauth.spring;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the webhook endpoint does with one delivery, independent of the web framework: verify the
 * raw bytes, drop repeats, dispatch, and decide the status Terra gets. Thread-safe.
 */
final class TerraWebhookReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(TerraWebhookReceiver.class);

  /** The answer to Terra: a status and a short machine-readable word, never a secret or body. */
  record Outcome(int status, String result) {}

  private final WebhookVerifier verifier;
  private final TerraWebhookDispatcher dispatcher;
  private final Optional<TerraWebhookDeduplicator> deduplicator;
  private final WebhookTimings timings;
  // Deliveries of this process whose listeners are running, by trace id and signature identity.
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  TerraWebhookReceiver(
      WebhookVerifier verifier,
      TerraWebhookDispatcher dispatcher,
      Optional<TerraWebhookDeduplicator> deduplicator,
      WebhookTimings timings) {
    this.verifier = verifier;
    this.dispatcher = dispatcher;
    this.deduplicator = deduplicator;
    this.timings = timings;
  }

  Outcome receive(byte[] rawBody, Function<String, String> headers) {
    VerifiedWebhook webhook;
    WebhookEvent event;
    long started = System.nanoTime();
    try {
      webhook = verifier.verify(rawBody, headers);
      event = webhook.event();
      timings.verification("verified", Duration.ofNanos(System.nanoTime() - started));
    } catch (WebhookVerificationException rejected) {
      String reason = rejected.reason().name().toLowerCase(Locale.ROOT);
      timings.verification(reason, Duration.ofNanos(System.nanoTime() - started));
      LOG.warn("Terra webhook rejected: {}", rejected.getMessage());
      return switch (rejected.reason()) {
        // Signed correctly but not an event: retrying cannot help, and nothing is dispatched.
        case MALFORMED_PAYLOAD -> new Outcome(400, reason);
        case NO_SECRETS_CONFIGURED -> new Outcome(500, reason);
        default -> new Outcome(401, reason);
      };
    }
    String traceId = webhook.delivery().traceId();
    String identity = deduplicator.isPresent() ? webhook.signatureIdentity() : null;
    // In flight first, claimed second, and released before it leaves the in-flight set: a copy
    // that finds the claim taken while no copy is in flight knows the first one succeeded.
    List<String> keys = new ArrayList<>();
    for (String key : inFlightKeys(traceId, identity)) {
      if (!inFlight.add(key)) {
        keys.forEach(inFlight::remove);
        // Another copy's listeners are still running and may yet fail: a 200 now could lose the
        // event, so Terra is asked to come back.
        return new Outcome(503, "in_progress");
      }
      keys.add(key);
    }
    try {
      if (deduplicator.isPresent() && !claim(deduplicator.get(), traceId, identity)) {
        LOG.debug("Terra webhook {} already received (trace id {})", event.type(), traceId);
        return new Outcome(200, "duplicate");
      }
      try {
        dispatcher.dispatch(webhook, event);
      } catch (TerraWebhookListenerException failed) {
        deduplicator.ifPresent(hook -> release(hook, traceId, identity));
        LOG.error("Terra webhook (trace id {}) not processed; Terra will retry", traceId, failed);
        return new Outcome(500, "listener_failed");
      }
    } finally {
      keys.forEach(inFlight::remove);
    }
    return new Outcome(200, "ok");
  }

  private List<String> inFlightKeys(String traceId, String identity) {
    if (deduplicator.isEmpty()) {
      return List.of();
    }
    return traceId == null
        ? List.of("signature:" + identity)
        : List.of("trace:" + traceId, "signature:" + identity);
  }

  /** Claims both keys, or neither: a replay under a new trace id gives that trace id back. */
  private static boolean claim(TerraWebhookDeduplicator hook, String traceId, String identity) {
    if (traceId != null && !hook.claim(traceId)) {
      return false;
    }
    if (!hook.claimSignature(identity)) {
      if (traceId != null) {
        hook.release(traceId);
      }
      return false;
    }
    return true;
  }

  private static void release(TerraWebhookDeduplicator hook, String traceId, String identity) {
    hook.releaseSignature(identity);
    if (traceId != null) {
      hook.release(traceId);
    }
  }
}
