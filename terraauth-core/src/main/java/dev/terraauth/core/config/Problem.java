package dev.terraauth.core.config;

import java.util.Objects;

/**
 * One finding about an environment's configuration: what is wrong, where, and how to fix it. Never
 * contains a secret value. Immutable.
 *
 * @param severity an {@link Severity#ERROR} refuses the configuration, a {@link Severity#WARNING}
 *     does not
 * @param message the finding, with the fix
 * @param setting the setting the finding is about (a missing or malformed value, no signing
 *     secret), or null when it concerns the configuration as a whole (guards, unreadable files)
 */
public record Problem(Severity severity, String message, Setting setting) {
  /** How bad a finding is. */
  public enum Severity {
    /** Makes the configuration unusable. */
    ERROR,
    /** Worth fixing; does not stop start-up. */
    WARNING
  }

  /**
   * Checks the components.
   *
   * @param severity an {@link Severity#ERROR} refuses the configuration, a {@link Severity#WARNING}
   *     does not
   * @param message the finding, with the fix
   * @param setting the setting the finding is about (a missing or malformed value, no signing
   *     secret), or null when it concerns the configuration as a whole (guards, unreadable files)
   */
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A finding about the configuration as a whole.
   *
   * @param severity error or warning
   * @param message what is wrong and how to fix it, never a secret value
   */
  public Problem(Severity severity, String message) {
    this(severity, message, null);
  }

  /** A warning about one setting. */
  static Problem warning(Setting setting, String message) {
    return new Problem(Severity.WARNING, message, setting);
  }

  /** An error about one single-valued setting (missing or malformed). */
  static Problem error(Setting setting, String message) {
    return new Problem(Severity.ERROR, message, setting);
  }

  static Problem error(String message) {
    return new Problem(Severity.ERROR, message);
  }

  static Problem warning(String message) {
    return new Problem(Severity.WARNING, message);
  }

  /**
   * Whether this problem makes the configuration unusable.
   *
   * @return true for an error
   */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
