package dev.terraauth.spring;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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
    if (traceId != null && deduplicator.isPresent() && !deduplicator.get().claim(traceId)) {
      LOG.debug("Terra webhook {} already received (trace id {})", event.type(), traceId);
      return new Outcome(200, "duplicate");
    }
    try {
      dispatcher.dispatch(webhook, event);
    } catch (TerraWebhookListenerException failed) {
      if (traceId != null) {
        deduplicator.ifPresent(hook -> hook.release(traceId));
      }
      LOG.error("Terra webhook (trace id {}) not processed; Terra will retry", traceId, failed);
      return new Outcome(500, "listener_failed");
    }
    return new Outcome(200, "ok");
  }
}
