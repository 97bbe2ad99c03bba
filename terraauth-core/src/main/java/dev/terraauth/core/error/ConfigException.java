package dev.terraauth.core.error;

/**
 * Configuration is missing, malformed or unsafe (credentials, environments, files). The message
 * says what is wrong, where (file:line, variable) and how to fix it; it never contains a secret.
 */
public final class ConfigException extends TerraAuthException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
