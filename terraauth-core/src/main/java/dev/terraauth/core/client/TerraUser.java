package dev.terraauth.core.client;

/**
 * One Terra connection (one end user with one provider account), as in the spec's {@code
 * TerraUser}. Timestamps stay the strings Terra sent (their format varies between endpoints).
 *
 * @param userId Terra's id of the connection (required)
 * @param provider e.g. {@code GARMIN} (required)
 * @param createdAt ISO-8601 creation time, nullable
 * @param lastWebhookUpdate ISO-8601 time of the last webhook, nullable
 * @param scopes comma-separated, provider-specific scopes, nullable
 * @param referenceId your end-user id, nullable
 * @param active whether data updates flow, nullable
 */
public record TerraUser(
    String userId,
    String provider,
    String createdAt,
    String lastWebhookUpdate,
    String scopes,
    String referenceId,
    Boolean active) {}
