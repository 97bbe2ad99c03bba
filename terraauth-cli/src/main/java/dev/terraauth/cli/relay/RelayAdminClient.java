package dev.terraauth.cli.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.CliFailure;
import dev.terraauth.core.json.TerraJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The gateway's {@code /admin/relay/...} API with the admin token as a bearer token. */
final class RelayAdminClient {
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RelayAdminClient(URI gateway, String token) {
    this.base = gateway.toString().replaceAll("/+$", "");
    this.token = token;
  }

  static String path(String id) {
    return "/admin/relay/endpoints/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the request", e);
      }
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw CliFailure.problem(
          "unreachable",
          "cannot reach the gateway at " + base + " (" + reason(e) + ")",
          "start it with 'terra-auth serve' or point --gateway at it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.problem("interrupted", "interrupted", null);
    }
    JsonNode answer = parse(response.body());
    String detail = answer == null ? null : answer.path("detail").asText(null);
    int status = response.statusCode();
    if (status == 401) {
      throw CliFailure.usage(
          "the gateway refused the admin token (401)",
          "set TERRAAUTH_ADMIN_TOKEN to the token the gateway was started with");
    }
    if (status == 404) {
      throw CliFailure.problem(
          "not_found",
          detail != null ? detail : "not found: " + path,
          "terra-auth relay endpoints");
    }
    if (status == 400 || status == 409) {
      throw CliFailure.problem(
          status == 400 ? "bad_request" : "conflict",
          detail != null ? detail : "the gateway refused " + method + " " + path,
          null);
    }
    if (status == 204) {
      return JSON.createObjectNode();
    }
    if (status / 100 != 2 || answer == null) {
      throw CliFailure.problem(
          "gateway_error", "the gateway answered " + status + " to " + method + " " + path, null);
    }
    return answer;
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isEmpty() ? null : JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
    }
    return e.getMessage() == null ? "I/O error" : e.getClass().getSimpleName();
  }
}
