package dev.terraauth.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.json.TerraJson;

/** Core's own mapper (other modules build theirs with {@link TerraJson}). Not API. */
public final class Json {
  private static final ObjectMapper MAPPER = TerraJson.newMapper();

  private Json() {}

  /** Core's shared, thread-safe mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
