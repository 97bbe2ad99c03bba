package dev.terraauth.gateway.relay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which event types an endpoint receives: empty means all; else exact types ({@code auth}) or
 * prefixes ending in {@code *} ({@code lab_report.*}, {@code large_request_*}).
 */
public record EventTypeFilter(List<String> types) {
  private static final int MAX_TYPES = 100;
  private static final int MAX_TYPE_LENGTH = 64;

  public EventTypeFilter {
    types = List.copyOf(types);
  }

  public static final EventTypeFilter ALL = new EventTypeFilter(List.of());

  /**
   * Parses {@code auth,deauth,activity} (blank or {@code *}: all).
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static EventTypeFilter parse(String text, String where) {
    if (text == null || text.isBlank() || text.strip().equals("*")) {
      return ALL;
    }
    // -1: keep trailing empty entries, so "auth," and "," are refused like "auth,,deauth"
    return of(List.of(text.split(",", -1)), where);
  }

  public static EventTypeFilter of(List<String> entries, String where) {
    Set<String> types = new LinkedHashSet<>();
    for (String entry : entries) {
      String type = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        throw new IllegalArgumentException(where + ": an empty event type (check the commas)");
      }
      if (type.length() > MAX_TYPE_LENGTH || !type.matches("[a-z0-9_.\\-]+\\*?")) {
        throw new IllegalArgumentException(
            where
                + ": '"
                + (type.length() > MAX_TYPE_LENGTH ? type.substring(0, MAX_TYPE_LENGTH) : type)
                + "' is not an event type (letters, digits, _ . -, an optional trailing *)");
      }
      types.add(type);
    }
    if (types.size() > MAX_TYPES) {
      throw new IllegalArgumentException(where + ": at most " + MAX_TYPES + " event types");
    }
    if (types.contains("*")) {
      return ALL;
    }
    return new EventTypeFilter(new ArrayList<>(types));
  }

  public boolean all() {
    return types.isEmpty();
  }

  public boolean matches(String eventType) {
    if (types.isEmpty()) {
      return true;
    }
    String type = eventType.toLowerCase(Locale.ROOT);
    for (String wanted : types) {
      if (wanted.endsWith("*")
          ? type.startsWith(wanted.substring(0, wanted.length() - 1))
          : type.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** The stored form: null for all, else comma-separated. */
  public String stored() {
    return types.isEmpty() ? null : String.join(",", types);
  }
}
