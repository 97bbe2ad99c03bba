package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the emulator's REST API as a backend would. */
final class Api {
  record Response(int status, String contentType, String body, HttpResponse<String> raw) {
    JsonNode json() throws IOException {
      return Json.MAPPER.readTree(body);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private String devId;
  private String apiKey;

  Api(URI base, String devId, String apiKey) {
    this.base = base;
    this.devId = devId;
    this.apiKey = apiKey;
  }

  static Api local(URI base) {
    return new Api(base, EmulatorAccount.LOCAL_DEV_ID, EmulatorAccount.LOCAL_API_KEY);
  }

  Api as(String newDevId, String newApiKey) {
    return new Api(base, newDevId, newApiKey);
  }

  Response post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json);
  }

  Response get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  Response send(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (devId != null) {
      request.header("dev-id", devId);
    }
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response);
  }
}
