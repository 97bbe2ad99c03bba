package dev.terraauth.cli.deliveries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.CliFailure;
import dev.terraauth.core.json.TerraJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The gateway's admin API ({@code /admin/deliveries}) with the admin token as a bearer token. */
final class GatewayAdmin {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  private final URI gateway;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GatewayAdmin(URI gateway, String token) {
    this.gateway = gateway;
    this.token = token;
  }

  JsonNode deliveries() {
    return get("/admin/deliveries");
  }

  JsonNode delivery(String key) {
    return get("/admin/deliveries/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
  }

  private JsonNode get(String path) {
    String base = gateway.toString().replaceAll("/+$", "");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw CliFailure.problem(
          "unreachable",
          "cannot reach the gateway at " + base + " (" + reason(e) + ")",
          "start it with 'terra-auth serve' or point --gateway at it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.problem("interrupted", "interrupted", null);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() == 401) {
      throw CliFailure.usage(
          "the gateway refused the admin token (401)",
          "set TERRAAUTH_ADMIN_TOKEN to the token the gateway was started with");
    }
    if (response.statusCode() == 404) {
      String detail = body == null ? null : body.path("detail").asText(null);
      throw CliFailure.problem(
          "not_found",
          detail != null ? detail : "not found: " + path,
          "terra-auth deliveries list");
    }
    if (response.statusCode() != 200 || body == null) {
      throw CliFailure.problem(
          "gateway_error",
          "the gateway answered " + response.statusCode() + " to GET " + path,
          null);
    }
    return body;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
    }
    return e.getMessage() == null ? "I/O error" : e.getMessage();
  }
}
