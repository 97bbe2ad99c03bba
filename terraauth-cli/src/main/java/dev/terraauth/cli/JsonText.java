package dev.terraauth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.terraauth.core.json.TerraJson;

/** Pretty JSON for --json output, through core's one mapper (snake_case, ISO instants). */
public final class JsonText {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();

  private JsonText() {}

  /**
   * The value as JSON on one line, for a long-running command's announcement: a script can read it
   * with one line read while the command keeps running.
   */
  public static String writeLine(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The value as pretty-printed JSON. */
  public static String write(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
