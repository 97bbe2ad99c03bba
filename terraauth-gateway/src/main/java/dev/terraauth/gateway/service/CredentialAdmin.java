package dev.terraauth.gateway.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin API can see and do about the gateway's Terra credentials: {@code GET
 * /admin/credentials} and {@code POST /admin/credentials/reload}. Views name secrets by generation
 * and fingerprint, never by value; they are JSON objects because operators read them as such.
 */
public interface CredentialAdmin {
  /** One view per environment this gateway knows: its signing secrets and a live check. */
  List<Map<String, Object>> health();

  /**
   * Re-reads the credentials now and reports what changed; empty when they are fixed for the life
   * of the process (nothing to reload).
   */
  Optional<Map<String, Object>> reload();

  /** Nothing to show and nothing to reload (tests, embedded use). */
  static CredentialAdmin none() {
    return new CredentialAdmin() {
      @Override
      public List<Map<String, Object>> health() {
        return List.of();
      }

      @Override
      public Optional<Map<String, Object>> reload() {
        return Optional.empty();
      }
    };
  }
}
