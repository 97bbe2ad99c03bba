package dev.terraauth.gateway.relay;

/** Message counts of one endpoint. Nullable: oldestPendingMs (nothing pending). */
public record EndpointStats(long pending, long delivered, long failed, Long oldestPendingMs) {}
