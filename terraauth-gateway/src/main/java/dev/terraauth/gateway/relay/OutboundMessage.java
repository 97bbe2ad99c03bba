package dev.terraauth.gateway.relay;

/**
 * A claimed message with what sending it needs. Nullable: traceId, terraUserId, body (the delivery
 * was pruned).
 *
 * @param eventId the {@code webhook-id}: the same for every attempt and every replay
 * @param attempt this attempt's number (1 for the first, counting replays)
 * @param retryIndex how many retries of the schedule were used before this attempt
 * @param leasedUntilMs when this instance's lease on it ends: an attempt must be over by then
 */
public record OutboundMessage(
    String endpointId,
    long seq,
    String eventId,
    String traceId,
    String eventType,
    String terraUserId,
    long receivedAtMs,
    String body,
    int attempt,
    int retryIndex,
    long leasedUntilMs) {}
