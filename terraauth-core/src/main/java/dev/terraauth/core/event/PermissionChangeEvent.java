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
 *
 * @param status the {@code status} field as sent
 * @param user the connection, with its full current scopes
 * @param message Terra's message
 * @param version the event's {@code version} field
 * @param scopesAdded the scopes this change granted
 * @param scopesRemoved the scopes this change withdrew
 * @param raw the whole event as parsed JSON (do not modify it)
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

  /**
   * Copies the collections (unmodifiable).
   *
   * @param status the {@code status} field as sent
   * @param user the connection, with its full current scopes
   * @param message Terra's message
   * @param version the event's {@code version} field
   * @param scopesAdded the scopes this change granted
   * @param scopesRemoved the scopes this change withdrew
   * @param raw the whole event as parsed JSON (do not modify it)
   */
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

  /**
   * {@code stored} with this change applied: {@code (stored ∪ added) \ removed}.
   *
   * @param stored the scopes stored before this event
   * @return the scopes after it
   */
  public Set<String> applyTo(Set<String> stored) {
    return Scopes.apply(stored, scopesAdded, scopesRemoved);
  }
}
