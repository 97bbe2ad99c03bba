package dev.terraauth.gateway.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A verified webhook delivery as stored. Nullable: traceId, terraUserId, orderingTimestampMs, and
 * signatureId of deliveries stored before it was recorded.
 *
 * @param dedupeKey the X-Terra-Trace-Id, or {@code sha256:<signatureId>} without one
 * @param signatureId {@code t} (12 digits), a dot and the hex SHA-256 of {@code t + "." + raw
 *     body}: the verified signature identity, the same whatever the header spelling
 * @param outcome what applying it did (never {@link DeliveryOutcome#DUPLICATE})
 * @param matchedSecret the label of the signing secret that verified it (never the secret)
 * @param orderingTimestampMs the effective ordering timestamp (clamped, see {@link
 *     OrderingTimestamp})
 */
public record WebhookDelivery(
    String dedupeKey,
    String traceId,
    String signatureId,
    String eventType,
    DeliveryOutcome outcome,
    String matchedSecret,
    String terraUserId,
    Long orderingTimestampMs,
    long receivedAtMs,
    String body) {
  public WebhookDelivery {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(matchedSecret, "matchedSecret");
    Objects.requireNonNull(body, "body");
  }

  /** The keys that make a later delivery a duplicate of this one, in lock order. */
  public List<String> seenKeys() {
    List<String> keys = new ArrayList<>(2);
    if (signatureId != null) {
      keys.add("sig:" + signatureId);
    }
    if (traceId != null) {
      keys.add("trace:" + traceId);
    }
    return keys;
  }

  /** The outcome's label, for Jdbi's {@code bindMethods}. */
  public String outcomeLabel() {
    return outcome.label();
  }

  WebhookDelivery withOutcome(DeliveryOutcome applied) {
    return new WebhookDelivery(
        dedupeKey,
        traceId,
        signatureId,
        eventType,
        applied,
        matchedSecret,
        terraUserId,
        orderingTimestampMs,
        receivedAtMs,
        body);
  }
}
