package dev.terraauth.core.client;

import java.net.URI;

/**
 * Parameters of {@code POST /auth/authenticateUser} (a direct link to one provider's login).
 *
 * @param resource provider id, e.g. {@code FITBIT} (required; sent in the query string)
 * @param referenceId your end-user id, nullable
 * @param language display language, nullable
 * @param successRedirect redirect after success, nullable
 * @param failureRedirect redirect after failure, nullable
 */
public record AuthenticateUserRequest(
    String resource,
    String referenceId,
    String language,
    URI successRedirect,
    URI failureRedirect) {
  /**
   * Checks the components.
   *
   * @param resource provider id, e.g. {@code FITBIT} (required; sent in the query string)
   * @param referenceId your end-user id, nullable
   * @param language display language, nullable
   * @param successRedirect redirect after success, nullable
   * @param failureRedirect redirect after failure, nullable
   */
  public AuthenticateUserRequest {
    if (resource == null || resource.isBlank()) {
      throw new IllegalArgumentException("resource must not be blank");
    }
  }

  /**
   * Only the provider, nothing else.
   *
   * @param resource the provider, e.g. {@code GARMIN}
   * @param referenceId your id of the end user, echoed in the webhooks
   * @return the request
   */
  public static AuthenticateUserRequest of(String resource, String referenceId) {
    return new AuthenticateUserRequest(resource, referenceId, null, null, null);
  }
}
