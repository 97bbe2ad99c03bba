package dev.terraauth.gateway.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Terra's comma-separated scope strings, parsed defensively (null, blanks, whitespace). */
public final class Scopes {
  private Scopes() {}

  public static SortedSet<String> parse(String commaSeparated) {
    SortedSet<String> scopes = new TreeSet<>();
    if (commaSeparated != null) {
      Arrays.stream(commaSeparated.split(","))
          .map(String::strip)
          .filter(scope -> !scope.isEmpty())
          .forEach(scopes::add);
    }
    return scopes;
  }

  public static String format(Collection<String> scopes) {
    return scopes.stream().sorted().distinct().collect(Collectors.joining(","));
  }

  /** {@code current} plus {@code added} minus {@code removed}. */
  public static SortedSet<String> applyDelta(
      Set<String> current, Set<String> added, Set<String> removed) {
    SortedSet<String> result = new TreeSet<>(current);
    result.addAll(added);
    result.removeAll(removed);
    return result;
  }
}
