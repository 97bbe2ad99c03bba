package dev.terraauth.core.user;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Terra's comma-separated scope strings ({@code "ACTIVITY_EXPORT,HEALTH_EXPORT"}), parsed
 * defensively: null, empty, blank, stray commas and surrounding whitespace all work. Scope names
 * are provider vocabulary and kept verbatim (case preserved).
 */
public final class Scopes {
  private Scopes() {}

  /** The distinct scopes in order of appearance; empty for null or blank input. Never throws. */
  public static Set<String> parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return Set.of();
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String part : commaSeparated.split(",", -1)) {
      String scope = part.strip();
      if (!scope.isEmpty()) {
        scopes.add(scope);
      }
    }
    return Collections.unmodifiableSet(scopes);
  }

  /** Applies a permission change to a stored scope set: {@code (current ∪ added) \ removed}. */
  public static Set<String> apply(Set<String> current, Set<String> added, Set<String> removed) {
    Set<String> result = new LinkedHashSet<>(current);
    result.addAll(added);
    result.removeAll(removed);
    return Collections.unmodifiableSet(result);
  }

  /**
   * The canonical form to store or compare: distinct, sorted (natural string order), unmodifiable.
   */
  public static List<String> sorted(Collection<String> scopes) {
    return List.copyOf(new TreeSet<>(scopes));
  }

  /** The canonical comma-separated text: {@link #sorted} joined with commas, no whitespace. */
  public static String format(Collection<String> scopes) {
    return String.join(",", sorted(scopes));
  }
}
