package dev.terraauth.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values one source holds for one environment, by variable name ({@code
 * TERRA_TESTING_API_KEY}), plus how to say where a missing variable was looked for, and problems
 * met while reading it.
 */
record ValueSource(
    Origin.Kind kind,
    Map<String, RawValue> values,
    WhereLooked whereLooked,
    List<Problem> problems) {

  ValueSource {
    values = Map.copyOf(values);
    problems = List.copyOf(problems);
  }

  RawValue get(String variable) {
    return values.get(variable);
  }

  /** The value of {@code base} and of its numbered forms {@code base_2}, {@code base_3}, ... */
  List<RawValue> numbered(String base) {
    List<RawValue> group = new ArrayList<>();
    for (RawValue value : values.values()) {
      if (value.variable().equals(base) || isNumberedForm(value.variable(), base)) {
        group.add(value);
      }
    }
    return List.copyOf(group);
  }

  /** Whether {@code variable} is {@code base_<digits>} ({@code _[0-9]+}). */
  static boolean isNumberedForm(String variable, String base) {
    int start = base.length() + 1;
    if (variable.length() <= start
        || !variable.startsWith(base)
        || variable.charAt(base.length()) != '_') {
      return false;
    }
    for (int i = start; i < variable.length(); i++) {
      char c = variable.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
