package dev.terraauth.gateway.relay;

/**
 * What one attempt did. Nullable: status (no HTTP answer), error (success).
 *
 * @param error a short reason shown in the attempt history, never a body or a secret
 */
public record AttemptResult(
    OutboundMessage message, long startedAtMs, long durationMs, Integer status, String error) {
  public boolean delivered() {
    return status != null && status >= 200 && status < 300;
  }
}
