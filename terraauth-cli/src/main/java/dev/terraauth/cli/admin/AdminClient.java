package dev.terraauth.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.CliFailure;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A running gateway's admin API ({@code /admin/...}), the admin token sent as a bearer token. The
 * token comes only from {@code TERRAAUTH_ADMIN_TOKEN}, never from an argument (arguments show in
 * {@code ps} and shell history).
 */
public final class AdminClient {
  /** Where the gateway is when {@code --gateway} is not given. */
  public static final String GATEWAY_VARIABLE = "TERRA_AUTH_GATEWAY_URL";

  private static final String DEFAULT_GATEWAY = "http://127.0.0.1:8788";
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private final String base;
  private final String token;
  private final String notFoundHint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AdminClient(URI gateway, String token, String notFoundHint) {
    this.base = gateway.toString().replaceAll("/+$", "");
    this.token = token;
    this.notFoundHint = notFoundHint;
  }

  /**
   * The client for {@code --gateway} (else {@code $TERRA_AUTH_GATEWAY_URL}, else the local
   * default), with the admin token from the environment; {@code notFoundHint} is the command that
   * lists what exists, for 404 answers.
   */
  public static AdminClient connect(
      Map<String, String> variables, URI gatewayOption, String notFoundHint) {
    String token = variables.get(GatewaySettings.ADMIN_TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      throw CliFailure.usage(
          "no admin token: set " + GatewaySettings.ADMIN_TOKEN_VARIABLE,
          "use the token the gateway was started with (it is never accepted as an argument)");
    }
    return new AdminClient(gatewayUrl(variables, gatewayOption), token.strip(), notFoundHint);
  }

  /** {@code --gateway}, else {@code $TERRA_AUTH_GATEWAY_URL}, else the local default. */
  private static URI gatewayUrl(Map<String, String> variables, URI gatewayOption) {
    if (gatewayOption != null) {
      return gatewayOption;
    }
    String fromVariable = variables.get(GATEWAY_VARIABLE);
    return URI.create(
        fromVariable == null || fromVariable.isBlank() ? DEFAULT_GATEWAY : fromVariable);
  }

  /** The gateway's base URL, without a trailing slash. */
  public String base() {
    return base;
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  /** Sends {@code body} (as JSON, or nothing when null); every failure is a {@link CliFailure}. */
  public JsonNode send(String method, String path, Object body) {
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
          "cannot reach the gateway at " + withoutUserInfo(base) + " (" + reason(e) + ")",
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
          "set "
              + GatewaySettings.ADMIN_TOKEN_VARIABLE
              + " to the token the gateway was started with");
    }
    if (status == 404) {
      throw CliFailure.problem(
          "not_found", detail != null ? detail : "not found: " + path, notFoundHint);
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
    return dev.terraauth.cli.NetworkFailures.reason(e);
  }

  /** The URL as shown in a message: a {@code user:password@} part is credentials, never printed. */
  static String withoutUserInfo(String base) {
    java.net.URI uri = java.net.URI.create(base);
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
