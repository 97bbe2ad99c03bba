package dev.terraauth.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connected user (one end user times one provider account) as the emulator stores it.
 *
 * @param userId Terra's user id (UUID)
 * @param devId the account (environment) holding the user
 * @param provider e.g. {@code GARMIN}
 * @param providerAccount who signed in at the provider; with the reference id it decides whether a
 *     connection is a reconnect
 * @param referenceId the developer's id for the end user, or null
 * @param scopes granted scopes, comma-separated
 * @param createdAt when the connection was made
 * @param active false after {@code access_revoked} or on a deauthenticated copy
 * @param lastWebhookUpdate when the last webhook about this user left, or null
 */
public record EmulatedUser(
    String userId,
    String devId,
    String provider,
    String providerAccount,
    String referenceId,
    String scopes,
    Instant createdAt,
    boolean active,
    Instant lastWebhookUpdate) {

  private static final DateTimeFormatter TERRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  EmulatedUser withActive(boolean value) {
    return new EmulatedUser(
        userId,
        devId,
        provider,
        providerAccount,
        referenceId,
        scopes,
        createdAt,
        value,
        lastWebhookUpdate);
  }

  EmulatedUser withReferenceId(String value) {
    return new EmulatedUser(
        userId,
        devId,
        provider,
        providerAccount,
        value,
        scopes,
        createdAt,
        active,
        lastWebhookUpdate);
  }

  EmulatedUser withScopes(String value) {
    return new EmulatedUser(
        userId,
        devId,
        provider,
        providerAccount,
        referenceId,
        value,
        createdAt,
        active,
        lastWebhookUpdate);
  }

  EmulatedUser withLastWebhookUpdate(Instant value) {
    return new EmulatedUser(
        userId, devId, provider, providerAccount, referenceId, scopes, createdAt, active, value);
  }

  /** The {@code TerraUser} JSON shape. */
  Map<String, Object> toTerraUser() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("user_id", userId);
    json.put("provider", provider);
    json.put("created_at", TERRA_TIME.format(createdAt));
    json.put("last_webhook_update", lastWebhookUpdate == null ? null : format(lastWebhookUpdate));
    json.put("scopes", scopes);
    json.put("reference_id", referenceId);
    json.put("active", active);
    return json;
  }

  static String format(Instant instant) {
    return TERRA_TIME.format(instant);
  }
}
