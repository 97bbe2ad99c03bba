package dev.terraauth.core.config;

import java.util.Locale;

/**
 * One configurable value of an environment. Each has the variable name users already know ({@code
 * TERRA_TESTING_API_KEY}, unscoped {@code TERRA_API_KEY}) and the same name in every source: system
 * property {@code terra.testing.api-key}, {@code .env.terra.testing} key {@code
 * TERRA_TESTING_API_KEY}, secrets file {@code terra_testing_api_key}. Immutable.
 */
public enum Setting {
  /** The dev-id (not secret: sent in the clear). */
  DEV_ID("DEV_ID", "dev-id", false),
  /** The API key (secret). */
  API_KEY("API_KEY", "API key", true),
  /** Webhook signing secret(s); several allowed for rotation (comma list or {@code _2}, ...). */
  WEBHOOK_SECRET("WEBHOOK_SECRET", "webhook signing secret", true),
  /** The REST base URL. */
  API_URL("API_URL", "REST base URL", false),
  /** The new widget session endpoint. */
  WIDGET_SESSION_URL("WIDGET_SESSION_URL", "widget session URL", false),
  /** The real-time streaming host ({@code ws.tryterra.co}): token minting and the socket. */
  STREAMING_URL("STREAMING_URL", "streaming URL", false);

  private final String suffix;
  private final String label;
  private final boolean secret;

  Setting(String suffix, String label, boolean secret) {
    this.suffix = suffix;
    this.label = label;
    this.secret = secret;
  }

  /** {@return human name used in messages ({@code API key})} */
  public String label() {
    return label;
  }

  /** {@return whether the value is a secret (masked everywhere, compared in constant time)} */
  public boolean isSecret() {
    return secret;
  }

  /**
   * {@return the environment-specific variable name, e.g. {@code TERRA_TESTING_API_KEY}}
   *
   * @param environment the environment
   */
  public String variable(Environment environment) {
    return "TERRA_" + environment.variablePart() + "_" + suffix;
  }

  /** {@return the unscoped variable name, e.g. {@code TERRA_API_KEY}} */
  public String unscopedVariable() {
    return "TERRA_" + suffix;
  }

  /**
   * {@return the system property for a variable name: {@code TERRA_TESTING_API_KEY ->
   * terra.testing.api-key}}
   *
   * @param variable the variable name, e.g. {@code TERRA_TESTING_API_KEY}
   */
  public static String systemPropertyFor(String variable) {
    String rest = variable.substring("TERRA_".length());
    StringBuilder name = new StringBuilder("terra");
    for (Environment environment : Environment.values()) {
      if (rest.startsWith(environment.variablePart() + "_")) {
        name.append('.').append(environment.id());
        rest = rest.substring(environment.variablePart().length() + 1);
        break;
      }
    }
    String number = "";
    int underscore = rest.lastIndexOf('_');
    if (underscore > 0 && allDigits(rest.substring(underscore + 1))) {
      number = "." + rest.substring(underscore + 1);
      rest = rest.substring(0, underscore);
    }
    return name.append('.')
        .append(rest.toLowerCase(Locale.ROOT).replace('_', '-'))
        .append(number)
        .toString();
  }

  /** Whether every char is a digit ({@link Character#isDigit(char)}); true for "". */
  private static boolean allDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The inverse of {@link #systemPropertyFor}: {@code terra.testing.api-key ->
   * TERRA_TESTING_API_KEY}.
   */
  static String variableForSystemProperty(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * {@return the secrets-directory file name for a variable: {@code terra_testing_api_key}}
   *
   * @param variable the variable name, e.g. {@code TERRA_TESTING_API_KEY}
   */
  public static String secretsFileFor(String variable) {
    return variable.toLowerCase(Locale.ROOT);
  }
}
