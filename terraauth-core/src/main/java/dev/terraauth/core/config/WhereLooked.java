package dev.terraauth.core.config;

import java.nio.file.Path;

/**
 * How a source names the place where it looked for a variable it does not hold, for the "not found;
 * looked in: ..." messages: {@code env TERRA_API_KEY}, {@code TERRA_API_KEY in .env.terra.testing},
 * {@code secrets/terra_api_key}. One class for every kind of source rather than a function per
 * source (see the package description). Immutable.
 */
final class WhereLooked {
  private enum Form {
    /** The same text for every variable. */
    FIXED,
    /** {@code system property terra.testing.api-key}. */
    SYSTEM_PROPERTY,
    /** {@code env TERRA_TESTING_API_KEY}. */
    ENVIRONMENT_VARIABLE,
    /** {@code TERRA_TESTING_API_KEY in <text>}. */
    IN_FILE,
    /** The variable's file in {@code directory}, followed by {@code text}. */
    SECRETS_FILE
  }

  private final Form form;
  private final String text;
  private final Path directory;
  private final PathDisplay display;

  private WhereLooked(Form form, String text, Path directory, PathDisplay display) {
    this.form = form;
    this.text = text;
    this.directory = directory;
    this.display = display;
  }

  /** The same description for every variable. */
  static WhereLooked fixed(String description) {
    return new WhereLooked(Form.FIXED, description, null, null);
  }

  static WhereLooked systemProperty() {
    return new WhereLooked(Form.SYSTEM_PROPERTY, "", null, null);
  }

  static WhereLooked environmentVariable() {
    return new WhereLooked(Form.ENVIRONMENT_VARIABLE, "", null, null);
  }

  /** {@code <variable> in <file>}, {@code file} as shown to people. */
  static WhereLooked inFile(String file) {
    return new WhereLooked(Form.IN_FILE, file, null, null);
  }

  /** The variable's file in a secrets directory, followed by {@code note} (may be empty). */
  static WhereLooked secretsFile(Path directory, PathDisplay display, String note) {
    return new WhereLooked(Form.SECRETS_FILE, note, directory, display);
  }

  /** {@return where {@code variable} was looked for} */
  String of(String variable) {
    return switch (form) {
      case FIXED -> text;
      case SYSTEM_PROPERTY -> "system property " + Setting.systemPropertyFor(variable);
      case ENVIRONMENT_VARIABLE -> "env " + variable;
      case IN_FILE -> variable + " in " + text;
      case SECRETS_FILE -> display.of(directory.resolve(Setting.secretsFileFor(variable))) + text;
    };
  }
}
