package dev.terraauth.core.config;

import java.util.Objects;

/**
 * A webhook signing secret labelled with the environment it belongs to and its rotation generation
 * (1 is the first configured, 2 the next, ...). A verifier reports which label matched, so a
 * deployment can tell a delivery signed for another environment, or an old secret still in use. Its
 * {@code toString()} is safe: the secret itself is a {@link Secret}.
 */
public record SigningSecret(Environment environment, int generation, Secret secret) {
  public SigningSecret {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(secret, "secret");
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be 1 or more, was " + generation);
    }
  }

  /** A label safe to print: {@code testing#2 (fingerprint 1a2b3c4d)}. */
  public String label() {
    return environment.id() + "#" + generation + " (fingerprint " + secret.fingerprint() + ")";
  }
}
