package dev.terraauth.core.config;

import dev.terraauth.core.error.ConfigException;
import java.util.Locale;

/**
 * A Terra environment. Terra selects the environment by the dev-id that is sent, so each one has
 * its own credentials; {@link #LOCAL} is the terra-auth emulator. Never inferred from a dev-id's
 * text: always chosen explicitly.
 */
public enum Environment {
  /** Terra's testing environment. */
  TESTING,
  /** Terra's staging environment. */
  STAGING,
  /** Terra's production environment. */
  PRODUCTION,
  /** The local terra-auth emulator. */
  LOCAL;

  /** {@return the lower-case name used in file names and on the command line ({@code testing})} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@return the upper-case name used in variable names ({@code TERRA_TESTING_API_KEY})} */
  public String variablePart() {
    return name();
  }

  /**
   * Parses an environment name, case-insensitively.
   *
   * @param name {@code testing}, {@code staging}, {@code production} or {@code local}
   * @return the environment
   * @throws ConfigException naming the valid environments when the name is unknown
   */
  public static Environment parse(String name) {
    if (name != null) {
      for (Environment environment : values()) {
        if (environment.id().equalsIgnoreCase(name.strip())) {
          return environment;
        }
      }
    }
    throw new ConfigException("unknown environment '" + name + "': use one of " + ids());
  }

  private static String ids() {
    StringBuilder ids = new StringBuilder();
    for (Environment environment : values()) {
      ids.append(ids.length() == 0 ? "" : ", ").append(environment.id());
    }
    return ids.toString();
  }

  @Override
  public String toString() {
    return id();
  }
}
