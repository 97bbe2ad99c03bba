package dev.terraauth.core.error;

/**
 * Configuration is missing, malformed or unsafe (credentials, environments, files). The message
 * says what is wrong, where (file:line, variable) and how to fix it; it never contains a secret.
 */
public final class ConfigException extends TerraAuthException {
  private static final long serialVersionUID = 1L;

  /**
   * A configuration problem.
   *
   * @param message every problem, with the places looked and the fix, never a value
   */
  public ConfigException(String message) {
    super(message);
  }

  /**
   * A configuration problem with its cause.
   *
   * @param message every problem, with the places looked and the fix, never a value
   * @param cause the underlying failure
   */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
