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

  /**
   * {@return the distinct scopes in order of appearance; empty for null or blank input} Never
   * throws.
   *
   * @param commaSeparated Terra's comma-separated scopes, may be null
   */
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

  /**
   * Applies a permission change to a stored scope set: {@code (current ∪ added) \ removed}.
   *
   * @param current the stored scopes
   * @param added scopes granted
   * @param removed scopes withdrawn
   * @return the new scope set
   */
  public static Set<String> apply(Set<String> current, Set<String> added, Set<String> removed) {
    Set<String> result = new LinkedHashSet<>(current);
    result.addAll(added);
    result.removeAll(removed);
    return Collections.unmodifiableSet(result);
  }

  /**
   * {@return the canonical form to store or compare: distinct, sorted (natural string order),
   * unmodifiable}
   *
   * @param scopes the scopes
   */
  public static List<String> sorted(Collection<String> scopes) {
    return List.copyOf(new TreeSet<>(scopes));
  }

  /**
   * {@return the canonical comma-separated text: {@link #sorted} joined with commas, no whitespace}
   *
   * @param scopes the scopes
   */
  public static String format(Collection<String> scopes) {
    return String.join(",", sorted(scopes));
  }
}
