package dev.terraauth.core.config;

import java.util.Objects;

/**
 * A webhook signing secret with the source it came from. Immutable, prints no secret.
 *
 * @param signingSecret the secret with its environment and generation
 * @param origin where it came from
 */
public record ResolvedSigningSecret(SigningSecret signingSecret, Origin origin) {
  /**
   * Checks the components.
   *
   * @param signingSecret the secret with its environment and generation
   * @param origin where it came from
   */
  public ResolvedSigningSecret {
    Objects.requireNonNull(signingSecret, "signingSecret");
    Objects.requireNonNull(origin, "origin");
  }
}
