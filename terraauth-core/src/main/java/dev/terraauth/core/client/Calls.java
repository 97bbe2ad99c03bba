package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.client.TerraHttp.Repeat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Turns an {@link Endpoint}, a query and a JSON body into one {@link TerraHttp} call. */
final class Calls {
  private final TerraHttp http;
  private final ResponseReader reader;
  private final String base;
  private final CallObserver observer;

  Calls(TerraHttp http, ResponseReader reader, URI apiBaseUrl, CallObserver observer) {
    this.http = http;
    this.reader = reader;
    this.observer = observer;
    String url = apiBaseUrl.toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The REST base URL without a trailing slash. */
  String base() {
    return base;
  }

  /** Sends without reading the body (it may be empty). */
  TerraHttp.Response send(Endpoint endpoint, Map<String, String> query, JsonNode body) {
    return execute(
        new TerraHttp.Call(
            endpoint.method,
            url(endpoint.path, query),
            json(body),
            endpoint.operation(),
            endpoint.sendApiKey,
            endpoint.repeat));
  }

  /** Sends and parses the JSON answer. */
  Reply call(Endpoint endpoint, Map<String, String> query, JsonNode body) {
    return Reply.of(endpoint.operation(), send(endpoint, query, body), reader);
  }

  /** A safe-to-repeat POST to a URL outside the REST base (the new widget endpoint). */
  Reply postTo(URI url, JsonNode body) {
    String operation = "POST " + url.getRawPath();
    TerraHttp.Response response =
        execute(new TerraHttp.Call("POST", url, json(body), operation, true, Repeat.SAFE));
    return Reply.of(operation, response, reader);
  }

  /** Every call goes through here, so the observer sees each one once, retries included. */
  private TerraHttp.Response execute(TerraHttp.Call call) {
    long started = System.nanoTime();
    String outcome = "ok";
    try {
      return http.execute(call);
    } catch (RuntimeException failure) {
      outcome = failure.getClass().getSimpleName();
      throw failure;
    } finally {
      observer.completed(call.operation(), outcome, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private URI url(String path, Map<String, String> query) {
    StringBuilder url = new StringBuilder(base).append(path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      url.append(separator)
          .append(encode(parameter.getKey()))
          .append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static byte[] json(JsonNode node) {
    return node == null ? null : node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
