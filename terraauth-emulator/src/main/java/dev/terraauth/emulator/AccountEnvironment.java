package dev.terraauth.emulator;

import java.util.Locale;

/** The Terra environment an emulated account belongs to; decides the default user cap. */
public enum AccountEnvironment {
  /** Terra's testing environment (also the built-in local account's). */
  TESTING,
  /** Terra's staging environment. */
  STAGING,
  /** Terra's production environment (no user cap). */
  PRODUCTION;

  /**
   * Terra caps testing and staging at 50 connected users; production is unlimited.
   *
   * @return the default cap, or {@link Integer#MAX_VALUE} for production
   */
  public int defaultUserCap() {
    return this == PRODUCTION ? Integer.MAX_VALUE : 50;
  }

  /**
   * Parses {@code testing}, {@code staging} or {@code production}, case-insensitively; {@code
   * local} means testing (the emulator's own account behaves like a testing environment).
   *
   * @param name the environment's name
   * @return the environment
   * @throws IllegalArgumentException naming the valid environments
   */
  public static AccountEnvironment parse(String name) {
    String value = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
    if (value.equals("LOCAL")) {
      return TESTING;
    }
    for (AccountEnvironment environment : values()) {
      if (environment.name().equals(value)) {
        return environment;
      }
    }
    throw new IllegalArgumentException(
        "unknown account environment '" + name + "': use testing, staging or production");
  }

  /**
   * The lower-case name, as in config files.
   *
   * @return e.g. {@code testing}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
