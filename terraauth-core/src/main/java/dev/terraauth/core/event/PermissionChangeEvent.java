package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.user.Scopes;
import dev.terraauth.core.user.TerraUser;
import java.util.Optional;
import java.util.Set;

/**
 * {@code permission_change}: the granted scopes changed. {@code user.scopeSet()} is the full
 * current set; the deltas are parsed defensively from Terra's comma-separated strings (null, empty
 * and whitespace give empty sets). Nullable: message, version.
 */
public record PermissionChangeEvent(
    String status,
    TerraUser user,
    String message,
    String version,
    Set<String> scopesAdded,
    Set<String> scopesRemoved,
    JsonNode raw)
    implements WebhookEvent {
  /** {@code permission_change}. */
  public static final String TYPE = "permission_change";

  public PermissionChangeEvent {
    scopesAdded = Set.copyOf(scopesAdded);
    scopesRemoved = Set.copyOf(scopesRemoved);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> userId() {
    return Optional.of(user.userId());
  }

  /** {@code stored} with this change applied: {@code (stored ∪ added) \ removed}. */
  public Set<String> applyTo(Set<String> stored) {
    return Scopes.apply(stored, scopesAdded, scopesRemoved);
  }
}
