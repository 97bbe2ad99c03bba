package dev.terraauth.gateway.webhook;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.DeliveryMetadata;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayMetrics;
import dev.terraauth.gateway.LogBudget;
import dev.terraauth.gateway.LogText;
import dev.terraauth.gateway.webhook.WebhookRejectedException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one webhook delivery: verify the signature (this deployment's environment only), read
 * the event, then store and apply it in one transaction of the group commit writer. Refusals store
 * nothing and are reported (log, metric, admin API).
 */
public final class WebhookReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  /**
   * A captured delivery re-sent with a forged ordering timestamp is deduplicated, but each copy is
   * clamped first: within a budget too.
   */
  private static final LogBudget CLAMPS_LOGGED =
      new LogBudget(LOG, "clamped ordering timestamps", 20, Duration.ofSeconds(10));

  /** Anyone can send a forged delivery: a flood of them costs a few lines, not a full disk. */
  private static final LogBudget REFUSALS_LOGGED =
      new LogBudget(LOG, "refused webhook deliveries", 20, Duration.ofSeconds(10));

  private final Environment environment;
  private final Supplier<WebhookVerifier> verifier;
  private final WebhookInbox inbox;
  private final RejectionLog rejections;
  private final GatewayMetrics metrics;
  private final Clock clock;

  /**
   * @param verifier the verifier to use for each delivery (cheap: returns a cached instance; see
   *     {@link dev.terraauth.gateway.service.SigningSecretRotation})
   */
  public WebhookReceiver(
      Environment environment,
      Supplier<WebhookVerifier> verifier,
      WebhookInbox inbox,
      RejectionLog rejections,
      GatewayMetrics metrics,
      Clock clock) {
    this.environment = environment;
    this.verifier = verifier;
    this.inbox = inbox;
    this.rejections = rejections;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Verifies and parses on the caller's thread, then queues the delivery for the writer. The future
   * completes after the commit (or with {@link
   * dev.terraauth.gateway.store.StoreUnavailableException} when nothing was stored).
   *
   * @throws WebhookRejectedException when refused; nothing was stored
   */
  public CompletableFuture<WebhookInbox.Receipt> receive(
      byte[] body, Function<String, String> headers) {
    VerifiedWebhook verified = verify(body, headers);
    String traceId = verified.delivery().traceId();
    WebhookEvent event;
    try {
      event = verified.event();
    } catch (WebhookVerificationException e) {
      throw reject(
          new WebhookRejectedException(Reason.MALFORMED_BODY, "the body is not a Terra event"),
          traceId);
    }
    long receivedAt = clock.millis();
    OrderingTimestamp ordering =
        OrderingTimestamp.of(
            verified.delivery().orderingTimestampMillis(),
            verified.signedAt(),
            verifier.get().tolerance(),
            receivedAt);
    if (ordering.clamped() && CLAMPS_LOGGED.allow()) {
      LOG.warn(
          "webhook trace={}: X-Terra-Ordering-Timestamp is later than the signed t allows;"
              + " clamped",
          LogText.of(traceId));
    }
    if (ordering.clamped()) {
      metrics.orderingClamped();
    }
    String signatureId = verified.signatureIdentity();
    WebhookDelivery delivery =
        new WebhookDelivery(
            traceId != null ? traceId : "sha256:" + signatureId,
            traceId,
            signatureId,
            event.type(),
            DeliveryOutcome.IGNORED,
            verified.matchedSecret().label(),
            event.userId().orElseGet(() -> dataUserId(event)),
            ordering.millis(),
            receivedAt,
            verified.bodyAsString());
    return inbox
        .submit(delivery, event)
        .whenComplete(
            (receipt, failure) -> {
              if (failure != null) {
                metrics.delivery(event.type(), "unavailable");
                LOG.warn(
                    "webhook {} trace={} not stored: {}", event.type(), LogText.of(traceId), "503");
                return;
              }
              metrics.delivery(event.type(), receipt.outcome().label());
              if (LOG.isDebugEnabled()) {
                LOG.debug(
                    "webhook {} trace={} {}",
                    event.type(),
                    LogText.of(traceId),
                    receipt.outcome().label());
              }
            });
  }

  /**
   * A data event's {@code user.user_id} (core reports user ids only for auth events): the relay's
   * per-user ordering and {@code terra-user-id} header need it.
   */
  private static String dataUserId(WebhookEvent event) {
    com.fasterxml.jackson.databind.JsonNode id = event.raw().path("user").path("user_id");
    return id.isTextual() ? id.asText() : null;
  }

  private VerifiedWebhook verify(byte[] body, Function<String, String> headers) {
    long start = System.nanoTime();
    VerifiedWebhook verified;
    try {
      verified = verifier.get().verify(body, headers);
    } catch (WebhookVerificationException e) {
      metrics.verificationTime(Duration.ofNanos(System.nanoTime() - start), "refused");
      // an unverified trace id is only for the log, never trusted
      throw reject(
          new WebhookRejectedException(reason(e.reason()), e.getMessage()),
          DeliveryMetadata.from(headers).traceId());
    }
    metrics.verificationTime(Duration.ofNanos(System.nanoTime() - start), "verified");
    SigningSecret secret = verified.matchedSecret();
    if (secret.environment() != environment) {
      throw reject(
          new WebhookRejectedException(
              Reason.WRONG_ENVIRONMENT,
              "signed with the "
                  + secret.environment()
                  + " secret "
                  + secret.label()
                  + " but this gateway serves "
                  + environment
                  + ": check which webhook URL each Terra environment posts to"),
          verified.delivery().traceId());
    }
    return verified;
  }

  private static Reason reason(WebhookVerificationException.Reason reason) {
    return switch (reason) {
      case MISSING_HEADER -> Reason.MISSING_SIGNATURE;
      case STALE_TIMESTAMP, FUTURE_TIMESTAMP, MILLISECOND_TIMESTAMP -> Reason.STALE_TIMESTAMP;
      case MALFORMED_PAYLOAD, MISSING_BODY -> Reason.MALFORMED_BODY;
      default -> Reason.BAD_SIGNATURE;
    };
  }

  private WebhookRejectedException reject(WebhookRejectedException e, String traceId) {
    String reason = e.reason().name().toLowerCase(Locale.ROOT);
    metrics.delivery("unknown", reason);
    rejections.record(new RejectionLog.Rejection(clock.instant(), reason, traceId, e.getMessage()));
    if (REFUSALS_LOGGED.allow()) {
      LOG.warn("webhook refused ({}) trace={}: {}", reason, LogText.of(traceId), e.getMessage());
    }
    return e;
  }
}
