package dev.terraauth.core.client;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/** One MockWebServer per test class, reset between tests; plus obviously fake credentials. */
final class TestServer implements AutoCloseable {
  static final String DEV_ID = "acme-testing-0000";
  static final String API_KEY = "fake-api-key-testing-0000-7f3a9c";
  static final String SIGNING_SECRET = "fake-signing-secret-testing-0000";

  private final MockWebServer server = new MockWebServer();
  private final QueueDispatcher dispatcher = new QueueDispatcher();

  TestServer() {
    server.setDispatcher(dispatcher);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Forgets queued responses and recorded requests. */
  void reset() {
    dispatcher.clear();
    while (takeOrNull() != null) {
      // drain
    }
  }

  URI apiBase() {
    return URI.create(server.url("/api/v2").toString());
  }

  URI newWidgetUrl() {
    return URI.create(server.url("/api/widget/session").toString());
  }

  TerraCredentials credentials() {
    return new TerraCredentials(
        Environment.TESTING,
        DEV_ID,
        Secret.of(API_KEY),
        List.of(new SigningSecret(Environment.TESTING, 1, Secret.of(SIGNING_SECRET))),
        apiBase(),
        newWidgetUrl());
  }

  void enqueue(MockResponse response) {
    dispatcher.enqueue(response);
  }

  void enqueue(int code, String contentType, String body) {
    enqueue(
        new MockResponse.Builder()
            .code(code)
            .headers(contentType == null ? Headers.of() : Headers.of("Content-Type", contentType))
            .body(body)
            .build());
  }

  void enqueueJson(String body) {
    enqueue(200, "application/json", body);
  }

  RecordedRequest take() {
    RecordedRequest request = takeOrNull();
    if (request == null) {
      throw new AssertionError("no request arrived");
    }
    return request;
  }

  /** Every request recorded so far. */
  List<RecordedRequest> drain() {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest request = takeOrNull(); request != null; request = takeOrNull()) {
      requests.add(request);
    }
    return requests;
  }

  private RecordedRequest takeOrNull() {
    try {
      return server.takeRequest(10, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
