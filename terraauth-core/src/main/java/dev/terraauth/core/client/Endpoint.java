package dev.terraauth.core.client;

import dev.terraauth.core.client.TerraHttp.Repeat;

/**
 * The REST endpoints the client calls: method, path, whether they need the API key (the public ones
 * get only {@code dev-id}) and whether a call may be repeated once it may have reached Terra.
 */
enum Endpoint {
  INTEGRATIONS("GET", "/integrations", false, Repeat.SAFE),
  DETAILED_INTEGRATIONS("GET", "/integrations/detailed", false, Repeat.SAFE),
  GENERATE_WIDGET_SESSION("POST", "/auth/generateWidgetSession", true, Repeat.SAFE),
  /** Each call allocates a user id: not repeated once it may have reached Terra. */
  AUTHENTICATE_USER("POST", "/auth/authenticateUser", true, Repeat.ONLY_IF_NOT_SENT),
  GENERATE_AUTH_TOKEN("POST", "/auth/generateAuthToken", true, Repeat.SAFE),
  /** A repeat would answer 404 for a user just removed: not repeated once it may have arrived. */
  DEAUTHENTICATE_USER("DELETE", "/auth/deauthenticateUser", true, Repeat.ONLY_IF_NOT_SENT),
  USER_INFO("GET", "/userInfo", true, Repeat.SAFE),
  /** A read, although it is a POST: safe to repeat. */
  BULK_USER_INFO("POST", "/bulkUserInfo", true, Repeat.SAFE),
  SUBSCRIPTIONS("GET", "/subscriptions", true, Repeat.SAFE);

  final String method;
  final String path;
  final boolean sendApiKey;
  final Repeat repeat;

  Endpoint(String method, String path, boolean sendApiKey, Repeat repeat) {
    this.method = method;
    this.path = path;
    this.sendApiKey = sendApiKey;
    this.repeat = repeat;
  }

  /** The name used in messages and logs, e.g. {@code POST /auth/generateWidgetSession}. */
  String operation() {
    return method + " " + path;
  }
}
