package dev.terraauth.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Terra's JSON conventions as a public entry point: snake_case names, unknown fields ignored (Terra
 * adds fields without notice), ISO-8601 instants. Each call builds a new mapper, so a module that
 * configures its own (a pretty printer, a module) cannot change anyone else's; keep one per class
 * or module in a {@code static final} field.
 */
public final class TerraJson {
  private TerraJson() {}

  /** {@return a new mapper with Terra's conventions, thread-safe once built} */
  public static JsonMapper newMapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(new JavaTimeModule())
        .build();
  }
}
