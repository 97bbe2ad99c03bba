package dev.terraauth.gateway.service;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.DeliveryMetadata;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayMetrics;
import dev.terraauth.gateway.store.WebhookDelivery;
import dev.terraauth.gateway.webhook.WebhookInbox;
import dev.terraauth.gateway.webhook.WebhookRejectedException;
import dev.terraauth.gateway.webhook.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one webhook delivery: verify the signature (this deployment's environment only), read
 * the event, then store and apply it in one transaction. Refusals store nothing and are reported
 * (log, metric, admin API).
 */
public final class WebhookReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  private final Environment environment;
  private final Supplier<WebhookVerifier> verifier;
  private final WebhookInbox inbox;
  private final RejectionLog rejections;
  private final GatewayMetrics metrics;
  private final Clock clock;

  /**
   * @param verifier the verifier to use for each delivery (cheap: returns a cached instance; see
   *     {@link SigningSecretRotation})
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
   * @throws WebhookRejectedException when refused; nothing was stored
   */
  public WebhookInbox.Receipt receive(byte[] body, Function<String, String> headers) {
    DeliveryMetadata metadata = DeliveryMetadata.from(headers);
    String traceId = metadata.traceId();
    VerifiedWebhook verified = verify(body, headers, traceId);
    WebhookEvent event;
    try {
      event = verified.event();
    } catch (WebhookVerificationException e) {
      throw reject(
          new WebhookRejectedException(Reason.MALFORMED_BODY, "the body is not a Terra event"),
          traceId);
    }
    String signatureHeader = headers.apply("X-Terra-Signature");
    if (signatureHeader == null) {
      signatureHeader = headers.apply("Terra-Signature");
    }
    String dedupeKey =
        traceId != null
            ? traceId
            : "sha256:"
                + AppUserService.sha256(
                    signatureHeader + "\n" + new String(body, StandardCharsets.UTF_8));
    WebhookDelivery delivery =
        new WebhookDelivery(
            dedupeKey,
            traceId,
            event.type(),
            "received",
            verified.matchedSecret().label(),
            event.userId().orElse(null),
            metadata.orderingTimestampMillis(),
            clock.millis(),
            new String(body, StandardCharsets.UTF_8));
    WebhookInbox.Receipt receipt = inbox.receive(delivery, event);
    metrics.delivery(event.type(), receipt.duplicate() ? "duplicate" : receipt.outcome());
    LOG.info(
        "webhook {} trace={} {}",
        event.type(),
        traceId,
        receipt.duplicate() ? "duplicate (already stored)" : receipt.outcome());
    return receipt;
  }

  private VerifiedWebhook verify(byte[] body, Function<String, String> headers, String traceId) {
    long start = System.nanoTime();
    VerifiedWebhook verified;
    try {
      verified = verifier.get().verify(body, headers);
    } catch (WebhookVerificationException e) {
      metrics.verificationTime(Duration.ofNanos(System.nanoTime() - start), "refused");
      throw reject(new WebhookRejectedException(reason(e.reason()), e.getMessage()), traceId);
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
          traceId);
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
    LOG.warn("webhook refused ({}) trace={}: {}", reason, traceId, e.getMessage());
    return e;
  }
}
