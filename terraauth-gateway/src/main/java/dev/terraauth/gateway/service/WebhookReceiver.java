package dev.terraauth.gateway.service;

import dev.terraauth.core.config.Environment;
import dev.terraauth.gateway.GatewayMetrics;
import dev.terraauth.gateway.store.WebhookDelivery;
import dev.terraauth.gateway.webhook.AuthEvent;
import dev.terraauth.gateway.webhook.AuthEventReader;
import dev.terraauth.gateway.webhook.SignatureCheck;
import dev.terraauth.gateway.webhook.WebhookInbox;
import dev.terraauth.gateway.webhook.WebhookRejectedException;
import dev.terraauth.gateway.webhook.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
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
  private final SignatureCheck signatures;
  private final AuthEventReader events;
  private final WebhookInbox inbox;
  private final RejectionLog rejections;
  private final GatewayMetrics metrics;
  private final Clock clock;

  public WebhookReceiver(
      Environment environment,
      SignatureCheck signatures,
      AuthEventReader events,
      WebhookInbox inbox,
      RejectionLog rejections,
      GatewayMetrics metrics,
      Clock clock) {
    this.environment = environment;
    this.signatures = signatures;
    this.events = events;
    this.inbox = inbox;
    this.rejections = rejections;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @throws WebhookRejectedException when refused; nothing was stored
   */
  public WebhookInbox.Receipt receive(byte[] body, Function<String, String> headers) {
    String traceId = headers.apply("X-Terra-Trace-Id");
    SignatureCheck.Match match = verify(body, headers, traceId);
    AuthEvent event;
    try {
      event = events.read(body);
    } catch (IllegalArgumentException e) {
      throw reject(
          new WebhookRejectedException(Reason.MALFORMED_BODY, "the body is not a Terra event"),
          traceId);
    }
    Long ordering = orderingTimestamp(headers.apply("X-Terra-Ordering-Timestamp"));
    String signatureHeader = headers.apply("X-Terra-Signature");
    if (signatureHeader == null) {
      signatureHeader = headers.apply("Terra-Signature");
    }
    String dedupeKey =
        traceId != null && !traceId.isBlank()
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
            match.label(),
            terraUserId(event),
            ordering,
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

  private SignatureCheck.Match verify(
      byte[] body, Function<String, String> headers, String traceId) {
    long start = System.nanoTime();
    SignatureCheck.Match match;
    try {
      match = signatures.verify(body, headers);
    } catch (WebhookRejectedException e) {
      metrics.verificationTime(Duration.ofNanos(System.nanoTime() - start), "refused");
      throw reject(e, traceId);
    }
    metrics.verificationTime(Duration.ofNanos(System.nanoTime() - start), "verified");
    if (match.environment() != environment) {
      throw reject(
          new WebhookRejectedException(
              Reason.WRONG_ENVIRONMENT,
              "signed with the "
                  + match.environment()
                  + " secret "
                  + match.label()
                  + " but this gateway serves "
                  + environment
                  + ": check which webhook URL each Terra environment posts to"),
          traceId);
    }
    return match;
  }

  private WebhookRejectedException reject(WebhookRejectedException e, String traceId) {
    String reason = e.reason().name().toLowerCase(Locale.ROOT);
    metrics.delivery("unknown", reason);
    rejections.record(new RejectionLog.Rejection(clock.instant(), reason, traceId, e.getMessage()));
    LOG.warn("webhook refused ({}) trace={}: {}", reason, traceId, e.getMessage());
    return e;
  }

  private static Long orderingTimestamp(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String terraUserId(AuthEvent event) {
    if (event instanceof AuthEvent.Authenticated e) {
      return e.user().userId();
    } else if (event instanceof AuthEvent.Deauthenticated e) {
      return e.user().userId();
    } else if (event instanceof AuthEvent.AccessRevoked e) {
      return e.user().userId();
    } else if (event instanceof AuthEvent.ConnectionErrored e) {
      return e.user().userId();
    } else if (event instanceof AuthEvent.PermissionChanged e) {
      return e.user().userId();
    } else if (event instanceof AuthEvent.Reauthenticated e) {
      return e.newUser().userId();
    }
    return null;
  }
}
