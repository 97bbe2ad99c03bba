package dev.terraauth.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Behaviour the contract marks UNCONFIRMED, so it can be changed without code. Immutable.
 *
 * @param invalidCredentialsDetail the 401 {@code detail} for an unknown dev-id or a wrong key
 *     (current profile; missing headers always say "dev-id or x-api-key headers are missing")
 * @param userCapStatus the status answered when a testing or staging environment is full
 * @param failureReasonParameter the query parameter naming the reason on a failure redirect
 * @param deauthDelay how long after {@code deauthenticateUser} the {@code deauth} webhook leaves
 * @param widgetSessionTtl how long a widget session URL works (Terra: 900 s)
 * @param authUrlTtl how long an {@code authenticateUser} link works (not documented)
 * @param mobileTokenTtl how long a mobile SDK token works (Terra: 180 s)
 * @param legacyBaseErrors whether the legacy base {@code /v2} (api.tryterra.co) answers errors as
 *     {@code {status, message}} in the current profile too (§2.3 documents that format for the
 *     legacy host; whether the migrated host still does is not stated); false: the profile's format
 * @param bulkUserInfoNotFound whether {@code bulkUserInfo} answers 404 when none of the ids is
 *     known, as the spec declares; false: 200 with an empty array
 */
public record Quirks(
    String invalidCredentialsDetail,
    int userCapStatus,
    String failureReasonParameter,
    Duration deauthDelay,
    Duration widgetSessionTtl,
    Duration authUrlTtl,
    Duration mobileTokenTtl,
    boolean legacyBaseErrors,
    boolean bulkUserInfoNotFound) {

  /**
   * Checks the components.
   *
   * @param invalidCredentialsDetail the 401 {@code detail} for an unknown dev-id or a wrong key
   *     (current profile; missing headers always say "dev-id or x-api-key headers are missing")
   * @param userCapStatus the status answered when a testing or staging environment is full
   * @param failureReasonParameter the query parameter naming the reason on a failure redirect
   * @param deauthDelay how long after {@code deauthenticateUser} the {@code deauth} webhook leaves
   * @param widgetSessionTtl how long a widget session URL works (Terra: 900 s)
   * @param authUrlTtl how long an {@code authenticateUser} link works (not documented)
   * @param mobileTokenTtl how long a mobile SDK token works (Terra: 180 s)
   * @param legacyBaseErrors whether the legacy base {@code /v2} (api.tryterra.co) answers errors as
   *     {@code {status, message}} in the current profile too (§2.3 documents that format for the
   *     legacy host; whether the migrated host still does is not stated); false: the profile's
   *     format
   * @param bulkUserInfoNotFound whether {@code bulkUserInfo} answers 404 when none of the ids is
   *     known, as the spec declares; false: 200 with an empty array
   */
  public Quirks {
    Objects.requireNonNull(invalidCredentialsDetail, "invalidCredentialsDetail");
    if (userCapStatus < 400 || userCapStatus > 599) {
      throw new IllegalArgumentException("userCapStatus must be a 4xx or 5xx status");
    }
    if (failureReasonParameter == null || failureReasonParameter.isBlank()) {
      throw new IllegalArgumentException("failureReasonParameter must not be blank");
    }
    requirePositive(deauthDelay, "deauthDelay", true);
    requirePositive(widgetSessionTtl, "widgetSessionTtl", false);
    requirePositive(authUrlTtl, "authUrlTtl", false);
    requirePositive(mobileTokenTtl, "mobileTokenTtl", false);
  }

  /**
   * {@return the defaults: documented values where Terra documents them, a plausible choice
   * elsewhere}
   */
  public static Quirks defaults() {
    return new Quirks(
        "invalid dev-id or x-api-key",
        403,
        "reason",
        Duration.ofSeconds(2),
        Duration.ofSeconds(900),
        Duration.ofSeconds(900),
        Duration.ofSeconds(180),
        true,
        true);
  }

  /**
   * How long after {@code deauthenticateUser} the {@code deauth} webhook is sent.
   *
   * @param value the new value
   * @return a copy with it
   */
  public Quirks withDeauthDelay(Duration value) {
    return new Quirks(
        invalidCredentialsDetail,
        userCapStatus,
        failureReasonParameter,
        value,
        widgetSessionTtl,
        authUrlTtl,
        mobileTokenTtl,
        legacyBaseErrors,
        bulkUserInfoNotFound);
  }

  /**
   * The status answered when a testing or staging environment is full.
   *
   * @param value the new value
   * @return a copy with it
   */
  public Quirks withUserCapStatus(int value) {
    return new Quirks(
        invalidCredentialsDetail,
        value,
        failureReasonParameter,
        deauthDelay,
        widgetSessionTtl,
        authUrlTtl,
        mobileTokenTtl,
        legacyBaseErrors,
        bulkUserInfoNotFound);
  }

  /**
   * The query parameter carrying the reason on a failure redirect.
   *
   * @param value the new value
   * @return a copy with it
   */
  public Quirks withFailureReasonParameter(String value) {
    return new Quirks(
        invalidCredentialsDetail,
        userCapStatus,
        value,
        deauthDelay,
        widgetSessionTtl,
        authUrlTtl,
        mobileTokenTtl,
        legacyBaseErrors,
        bulkUserInfoNotFound);
  }

  /**
   * The 401 {@code detail} for an unknown dev-id or a wrong key.
   *
   * @param value the new value
   * @return a copy with it
   */
  public Quirks withInvalidCredentialsDetail(String value) {
    return new Quirks(
        value,
        userCapStatus,
        failureReasonParameter,
        deauthDelay,
        widgetSessionTtl,
        authUrlTtl,
        mobileTokenTtl,
        legacyBaseErrors,
        bulkUserInfoNotFound);
  }

  /**
   * Whether the legacy base {@code /v2} answers errors as {@code {status, message}} in the current
   * profile too.
   *
   * @param value the new value
   * @return a copy with it
   */
  public Quirks withLegacyBaseErrors(boolean value) {
    return new Quirks(
        invalidCredentialsDetail,
        userCapStatus,
        failureReasonParameter,
        deauthDelay,
        widgetSessionTtl,
        authUrlTtl,
        mobileTokenTtl,
        value,
        bulkUserInfoNotFound);
  }

  /**
   * Whether {@code bulkUserInfo} with only unknown ids answers 404 (else 200 with an empty list).
   *
   * @param value the new value
   * @return a copy with it
   */
  public Quirks withBulkUserInfoNotFound(boolean value) {
    return new Quirks(
        invalidCredentialsDetail,
        userCapStatus,
        failureReasonParameter,
        deauthDelay,
        widgetSessionTtl,
        authUrlTtl,
        mobileTokenTtl,
        legacyBaseErrors,
        value);
  }

  private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
