package dev.terraauth.cli.scan;

/** The environment word in a dev-id, for commands outside the scanner (see EnvironmentHint). */
public final class EnvironmentHints {
  private EnvironmentHints() {}

  /** testing, staging or production when the text names one, else null. */
  public static String word(String text) {
    return EnvironmentHint.word(text);
  }
}
