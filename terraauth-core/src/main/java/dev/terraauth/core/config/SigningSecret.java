package dev.terraauth.core.config;

import java.util.Objects;

/**
 * A webhook signing secret labelled with the environment it belongs to and its rotation generation
 * (1 is the first configured, 2 the next, ...). A verifier reports which label matched, so a
 * deployment can tell a delivery signed for another environment, or an old secret still in use. Its
 * {@code toString()} is safe: the secret itself is a {@link Secret}.
 *
 * @param environment the environment the secret belongs to
 * @param generation its rotation generation, 1 or more
 * @param secret the secret
 */
public record SigningSecret(Environment environment, int generation, Secret secret) {
  /**
   * Checks the components.
   *
   * @param environment the environment the secret belongs to
   * @param generation its rotation generation, 1 or more
   * @param secret the secret
   */
  public SigningSecret {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(secret, "secret");
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be 1 or more, was " + generation);
    }
  }

  /** {@return a label safe to print: {@code testing#2 (fingerprint 1a2b3c4d)}} */
  public String label() {
    return environment.id() + "#" + generation + " (fingerprint " + secret.fingerprint() + ")";
  }
}
