package dev.terraauth.gateway.relay;

/** One row of an endpoint's attempt history. Nullable: traceId, status, error. */
public record AttemptRecord(
    String messageId,
    String traceId,
    String eventType,
    int attempt,
    long startedAtMs,
    long durationMs,
    Integer status,
    String error,
    String instance) {}
