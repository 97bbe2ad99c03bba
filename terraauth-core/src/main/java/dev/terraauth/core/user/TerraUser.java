package dev.terraauth.core.user;

import java.util.Set;

/**
 * Terra's user ({@code TerraUser} in the spec): one connection of one end user to one provider
 * account, as returned by the client's user endpoints and carried by the webhook events. Nullable:
 * createdAt, lastWebhookUpdate, scopes, referenceId, active (timestamps are kept as the ISO-8601
 * text Terra sent; its format varies between endpoints).
 *
 * @param userId Terra's id of the connection (required, not blank)
 * @param provider e.g. {@code GARMIN} (required, not blank)
 * @param createdAt when the connection was made, as Terra wrote it
 * @param lastWebhookUpdate when Terra last sent data for it, as Terra wrote it
 * @param scopes the raw comma-separated scope string; see {@link #scopeSet()}
 * @param referenceId your end-user id; in webhook events taken from {@code user.reference_id}, or
 *     from the legacy top-level {@code reference_id} when the user object has none
 * @param active whether data updates flow
 */
public record TerraUser(
    String userId,
    String provider,
    String createdAt,
    String lastWebhookUpdate,
    String scopes,
    String referenceId,
    Boolean active) {
  /**
   * Checks the components.
   *
   * @param userId Terra's id of the connection (required, not blank)
   * @param provider e.g. {@code GARMIN} (required, not blank)
   * @param createdAt when the connection was made, as Terra wrote it
   * @param lastWebhookUpdate when Terra last sent data for it, as Terra wrote it
   * @param scopes the raw comma-separated scope string; see {@link #scopeSet()}
   * @param referenceId your end-user id; in webhook events taken from {@code user.reference_id}, or
   *     from the legacy top-level {@code reference_id} when the user object has none
   * @param active whether data updates flow
   */
  public TerraUser {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank");
    }
  }

  /** {@return the granted scopes, parsed defensively (empty when Terra sent none)} */
  public Set<String> scopeSet() {
    return Scopes.parse(scopes);
  }

  /**
   * {@return a copy with another reference id}
   *
   * @param newReferenceId the reference id
   */
  public TerraUser withReferenceId(String newReferenceId) {
    return new TerraUser(
        userId, provider, createdAt, lastWebhookUpdate, scopes, newReferenceId, active);
  }
}
