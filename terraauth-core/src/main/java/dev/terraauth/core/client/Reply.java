package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.error.UnexpectedResponseException;
import dev.terraauth.core.user.TerraUser;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A successful response, parsed once, with the operation it answered: every reading method names
 * both in its error without the caller re-passing them. Failures never quote the body.
 */
record Reply(String operation, TerraHttp.Response response, JsonNode body, ResponseReader reader) {
  static Reply of(String operation, TerraHttp.Response response, ResponseReader reader) {
    return new Reply(operation, response, reader.tree(operation, response), reader);
  }

  /** A required, non-blank text field of the body. */
  String text(String field) {
    return reader.requiredText(operation, response, body, field);
  }

  /** A required URL field of the body. */
  URI uri(String field) {
    String value = text(field);
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw mismatch("a malformed URL");
    }
  }

  <T> T as(JsonNode node, Class<T> type) {
    return reader.value(operation, response, node, type);
  }

  List<TerraUser> users(JsonNode array) {
    return reader.users(operation, response, array);
  }

  /** A required object (or, with {@code array}, list) field of the body. */
  JsonNode required(String field, boolean array, String what) {
    JsonNode node = body.get(field);
    if (node == null || (array ? !node.isArray() : !node.isObject())) {
      throw mismatch(what);
    }
    return node;
  }

  /** When the issued thing expires: {@code expires_in} seconds after sending, else a default. */
  Instant expiry(long defaultSeconds) {
    JsonNode expiresIn = body.get("expires_in");
    long seconds =
        expiresIn != null && expiresIn.isNumber() && expiresIn.asDouble() > 0
            ? Math.round(expiresIn.asDouble())
            : defaultSeconds;
    return response.sentAt().plusSeconds(seconds);
  }

  UnexpectedResponseException mismatch(String what) {
    return reader.mismatch(operation, response, what);
  }
}
