package dev.terraauth.core.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The values one source holds for one environment, by variable name ({@code
 * TERRA_TESTING_API_KEY}), plus how to say where a missing variable was looked for, and problems
 * met while reading it.
 */
record ValueSource(
    Origin.Kind kind,
    Map<String, RawValue> values,
    Function<String, String> whereLooked,
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
    Pattern numbered = Pattern.compile(Pattern.quote(base) + "(_[0-9]+)?");
    return values.values().stream()
        .filter(value -> numbered.matcher(value.variable()).matches())
        .toList();
  }
}
