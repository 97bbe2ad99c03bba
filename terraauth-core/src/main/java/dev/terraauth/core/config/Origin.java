package dev.terraauth.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a configured value came from, in words a person can act on: {@code env
 * TERRA_TESTING_API_KEY}, {@code .env.terra.testing:3}, {@code secrets/terra_testing_api_key},
 * {@code system property terra.testing.api-key}, {@code explicit}, {@code built-in local default}.
 * Never contains the value. Immutable.
 *
 * @param kind the kind of source
 * @param description the printable description (the {@link #toString()})
 * @param file the file the value was read from, or null when not from a file
 */
public record Origin(Kind kind, String description, Path file) {
  /** Kinds of sources, highest precedence first. */
  public enum Kind {
    /** Given by code ({@code CredentialsLoader.Builder#explicit}). */
    EXPLICIT,
    /** A JVM system property. */
    SYSTEM_PROPERTY,
    /** A process environment variable. */
    ENVIRONMENT_VARIABLE,
    /** A line of a {@code .env.terra.<env>} file. */
    DOTENV_FILE,
    /** A file in the secrets directory. */
    SECRETS_FILE,
    /** A built-in default. */
    DEFAULT
  }

  /**
   * Checks the components.
   *
   * @param kind the kind of source
   * @param description the printable description (the {@link #toString()})
   * @param file the file the value was read from, or null when not from a file
   */
  public Origin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
  }

  static Origin of(Kind kind, String description) {
    return new Origin(kind, description, null);
  }

  /** {@return whether the value came from a file (whose permissions and git status matter)} */
  public boolean isFile() {
    return file != null;
  }

  @Override
  public String toString() {
    return description;
  }
}
