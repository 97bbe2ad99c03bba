package dev.terraauth.core.config;

import java.util.Map;

/** The emulator's built-in {@code local} account and URLs: public, not secret. */
final class LocalDefaults {
  static final String DEV_ID = "terra-auth-local-dev";
  static final String API_KEY = "local-api-key-not-secret-0000";
  static final String WEBHOOK_SECRET = "local-signing-secret-not-secret-0000";
  static final String API_URL = "http://127.0.0.1:8789/api/v2";
  static final String LEGACY_API_URL = "http://127.0.0.1:8789/v2";
  static final String WIDGET_SESSION_URL = "http://127.0.0.1:8789/api/widget/session";
  static final String STREAMING_URL = "http://127.0.0.1:8789";

  private LocalDefaults() {}

  /** The default values of an environment, by variable name, and how to describe them. */
  static ValueSource forEnvironment(Environment environment) {
    if (environment == Environment.LOCAL) {
      return Sources.defaults(
          Map.of(
              Setting.DEV_ID.variable(environment), DEV_ID,
              Setting.API_KEY.variable(environment), API_KEY,
              Setting.WEBHOOK_SECRET.variable(environment), WEBHOOK_SECRET,
              Setting.API_URL.variable(environment), API_URL,
              Setting.WIDGET_SESSION_URL.variable(environment), WIDGET_SESSION_URL,
              Setting.STREAMING_URL.variable(environment), STREAMING_URL),
          "built-in local default");
    }
    return Sources.defaults(
        Map.of(
            Setting.API_URL.variable(environment),
            TerraCredentials.CURRENT_API_URL.toString(),
            Setting.WIDGET_SESSION_URL.variable(environment),
            TerraCredentials.DEFAULT_WIDGET_SESSION_URL.toString(),
            Setting.STREAMING_URL.variable(environment),
            TerraCredentials.DEFAULT_STREAMING_URL.toString()),
        "default");
  }
}
