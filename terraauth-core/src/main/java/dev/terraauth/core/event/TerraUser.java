package dev.terraauth.core.event;

import java.util.Set;

/**
 * Terra's user: one connection of one end user to one provider account. Nullable: createdAt,
 * lastWebhookUpdate, scopes, referenceId, active (timestamps are kept as Terra's ISO-8601 text).
 *
 * @param userId Terra's id of the connection (required)
 * @param provider e.g. {@code GARMIN} (required)
 * @param scopes the raw comma-separated scope string; see {@link #scopeSet()}
 * @param referenceId your end-user id; taken from {@code user.reference_id}, or from the legacy
 *     top-level {@code reference_id} when the user object has none
 */
public record TerraUser(
    String userId,
    String provider,
    String createdAt,
    String lastWebhookUpdate,
    String scopes,
    String referenceId,
    Boolean active) {
  public TerraUser {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank");
    }
  }

  /** The granted scopes, parsed defensively (empty when Terra sent none). */
  public Set<String> scopeSet() {
    return Scopes.parse(scopes);
  }

  /** A copy with another reference id. */
  public TerraUser withReferenceId(String newReferenceId) {
    return new TerraUser(
        userId, provider, createdAt, lastWebhookUpdate, scopes, newReferenceId, active);
  }
}
