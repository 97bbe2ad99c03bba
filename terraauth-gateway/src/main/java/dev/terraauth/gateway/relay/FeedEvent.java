package dev.terraauth.gateway.relay;

/** One event of the pull feed. Nullable: traceId, terraUserId. */
public record FeedEvent(
    long seq,
    String id,
    String traceId,
    String type,
    String terraUserId,
    long receivedAtMs,
    String body) {}
