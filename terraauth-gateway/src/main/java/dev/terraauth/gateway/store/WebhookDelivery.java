package dev.terraauth.gateway.store;

import java.util.Objects;

/**
 * A verified webhook delivery as stored. Nullable: traceId, terraUserId, orderingTimestampMs.
 *
 * @param dedupeKey the X-Terra-Trace-Id, or {@code sha256:<hex>} of header and body without one
 * @param outcome what applying it did ({@code applied}, {@code stale}, {@code ignored})
 * @param matchedSecret the label of the signing secret that verified it (never the secret)
 */
public record WebhookDelivery(
    String dedupeKey,
    String traceId,
    String eventType,
    String outcome,
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

  public WebhookDelivery withOutcome(String newOutcome) {
    return new WebhookDelivery(
        dedupeKey,
        traceId,
        eventType,
        newOutcome,
        matchedSecret,
        terraUserId,
        orderingTimestampMs,
        receivedAtMs,
        body);
  }
}
