package dev.terraauth.core.client;

import java.util.List;

/**
 * The answer of {@code GET /integrations}.
 *
 * @param providers cloud providers, e.g. {@code FITBIT}
 * @param sdkProviders providers available only through the mobile SDKs, e.g. {@code APPLE}
 */
public record Integrations(List<String> providers, List<String> sdkProviders) {
  /**
   * Copies the collections (unmodifiable).
   *
   * @param providers cloud providers, e.g. {@code FITBIT}
   * @param sdkProviders providers available only through the mobile SDKs, e.g. {@code APPLE}
   */
  public Integrations {
    providers = providers == null ? List.of() : List.copyOf(providers);
    sdkProviders = sdkProviders == null ? List.of() : List.copyOf(sdkProviders);
  }
}
