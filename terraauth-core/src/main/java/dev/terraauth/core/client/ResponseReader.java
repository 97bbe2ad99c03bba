package dev.terraauth.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.error.UnexpectedResponseException;
import dev.terraauth.core.internal.Json;
import dev.terraauth.core.user.TerraUser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads successful bodies into records. Failures never quote the body (it may hold a token): they
 * name the operation and the JSON path that did not match.
 */
final class ResponseReader {
  private final Environment environment;

  ResponseReader(Environment environment) {
    this.environment = environment;
  }

  JsonNode tree(String operation, TerraHttp.Response response) {
    try {
      JsonNode node = Json.mapper().readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw mismatch(operation, response, "an empty body");
      }
      return node;
    } catch (IOException e) {
      throw mismatch(operation, response, "a body that is not JSON");
    }
  }

  <T> T value(String operation, TerraHttp.Response response, JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw mismatch(operation, response, "an unexpected value at " + path(e));
    } catch (JsonProcessingException e) {
      throw mismatch(operation, response, "a body that cannot be read");
    }
  }

  List<TerraUser> users(String operation, TerraHttp.Response response, JsonNode array) {
    if (array == null || !array.isArray()) {
      throw mismatch(operation, response, "no list of users");
    }
    List<TerraUser> users = new ArrayList<>();
    for (JsonNode element : array) {
      if (blank(element.get("user_id")) || blank(element.get("provider"))) {
        throw mismatch(operation, response, "a user without user_id or provider");
      }
      users.add(value(operation, response, element, TerraUser.class));
    }
    return List.copyOf(users);
  }

  String requiredText(String operation, TerraHttp.Response response, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw mismatch(operation, response, "no " + field);
    }
    return value.asText();
  }

  UnexpectedResponseException mismatch(String operation, TerraHttp.Response response, String what) {
    return new UnexpectedResponseException(
        operation
            + " ("
            + environment.id()
            + ") returned "
            + response.status()
            + " with "
            + what
            + "; the API URL may not point at Terra's v2 API",
        response.status(),
        null,
        null);
  }

  /** Missing, JSON null or blank text: what {@link TerraUser} refuses for its required ids. */
  private static boolean blank(JsonNode value) {
    return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
