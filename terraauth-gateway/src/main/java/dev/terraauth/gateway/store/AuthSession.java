package dev.terraauth.gateway.store;

import java.util.Objects;

/**
 * A widget session or mobile token the gateway issued. For a mobile token {@code id} is the SHA-256
 * of the token (the token itself is never stored). Nullable: returnNonce, outcomeDetail, returnUrl,
 * redirectHint, terraUserId, completedAtMs.
 */
public record AuthSession(
    String id,
    Kind kind,
    String referenceId,
    String returnNonce,
    long issuedAtMs,
    long expiresAtMs,
    Outcome outcome,
    String outcomeDetail,
    String returnUrl,
    String redirectHint,
    String terraUserId,
    Long completedAtMs) {

  /** What was issued. */
  public enum Kind {
    WIDGET,
    MOBILE_TOKEN,
    /** A streaming producer token; issued for a known connection, so complete at once. */
    STREAMING_TOKEN
  }

  /** What the webhooks said so far. */
  public enum Outcome {
    PENDING,
    COMPLETED,
    FAILED
  }

  public AuthSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(referenceId, "referenceId");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The outcome as shown: a pending session past its expiry is {@code expired}. */
  public String status(long nowMs) {
    if (outcome == Outcome.PENDING && nowMs >= expiresAtMs) {
      return "expired";
    }
    return outcome.name().toLowerCase(java.util.Locale.ROOT);
  }
}
