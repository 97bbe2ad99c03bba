package dev.terraauth.core.client;

import java.util.Map;

/**
 * One entry of {@code GET /integrations/detailed}.
 *
 * @param provider identifier, e.g. {@code MAPMYFITNESS}
 * @param name display name
 * @param icon icon URL, nullable
 * @param setup how the integration is set up, e.g. {@code API_KEYS_MANAGED}, nullable
 * @param enabled whether it is enabled (for the sending dev-id), nullable
 * @param types data types offered, e.g. {@code activity -> true}
 */
public record Integration(
    String provider,
    String name,
    String icon,
    String setup,
    Boolean enabled,
    Map<String, Boolean> types) {
  /**
   * Copies the collections (unmodifiable).
   *
   * @param provider identifier, e.g. {@code MAPMYFITNESS}
   * @param name display name
   * @param icon icon URL, nullable
   * @param setup how the integration is set up, e.g. {@code API_KEYS_MANAGED}, nullable
   * @param enabled whether it is enabled (for the sending dev-id), nullable
   * @param types data types offered, e.g. {@code activity -> true}
   */
  public Integration {
    types = types == null ? Map.of() : Map.copyOf(types);
  }
}
