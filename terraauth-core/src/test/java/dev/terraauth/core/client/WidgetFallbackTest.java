package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.terraauth.core.error.TerraGoneException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WidgetFallbackTest {
  private static final TestServer SERVER = new TestServer();
  private static final String GONE =
      "{\"type\":\"about:blank\",\"title\":\"gone\",\"instance\":\"/auth/generateWidgetSession\","
          + "\"detail\":\"use POST https://access.tryterra.co/api/widget/session\"}";
  private static final String OK = "{\"session_id\":\"s\",\"url\":\"https://w.example/s\"}";

  @BeforeEach
  void setUp() {
    SERVER.reset();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Test
  void legacy410SwitchesToNewEndpointForGoodAndLogsOnce() {
    TerraAuthClient client = TerraAuthClient.builder().credentials(SERVER.credentials()).build();
    SERVER.enqueue(410, "application/problem+json", GONE);
    SERVER.enqueueJson(OK);
    SERVER.enqueueJson(OK);

    try (LogCapture logs = new LogCapture()) {
      client.widgetSession(WidgetSessionRequest.builder("r").build());
      client.widgetSession(WidgetSessionRequest.builder("r").build());

      assertThat(logs.events())
          .filteredOn(event -> event.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(
              event ->
                  assertThat(event.getFormattedMessage())
                      .contains("410")
                      .contains("new widget session endpoint"));
    }
    List<RecordedRequest> requests = SERVER.drain();
    assertThat(requests)
        .extracting(RecordedRequest::getTarget)
        .containsExactly(
            "/api/v2/auth/generateWidgetSession", "/api/widget/session", "/api/widget/session");
    assertThat(requests.get(1).getBody()).isEqualTo(requests.get(0).getBody());
  }

  @Test
  void oneClientSharedByThreadsFallsBackOnceAndLogsOnce() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              boolean legacy = request.getTarget().endsWith("/auth/generateWidgetSession");
              return new MockResponse.Builder()
                  .code(legacy ? 410 : 200)
                  .addHeader("Content-Type", "application/json")
                  .body(legacy ? GONE : OK)
                  .build();
            }
          });
      server.start();
      TerraAuthClient client =
          TerraAuthClient.builder()
              .credentials(
                  SERVER
                      .credentials()
                      .withApiBaseUrl(URI.create(server.url("/api/v2").toString()))
                      .withWidgetSessionUrl(
                          URI.create(server.url("/api/widget/session").toString())))
              .build();
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try (LogCapture logs = new LogCapture()) {
        List<Future<WidgetSession>> sessions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          sessions.add(
              threads.submit(
                  () -> client.widgetSession(WidgetSessionRequest.builder("r").build())));
        }
        for (Future<WidgetSession> session : sessions) {
          assertThat(session.get(10, TimeUnit.SECONDS).sessionId()).isEqualTo("s");
        }
        assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void withFallbackOffThe410IsThrown() {
    TerraAuthClient client =
        TerraAuthClient.builder()
            .credentials(SERVER.credentials())
            .fallbackToNewWidgetEndpointOnGone(false)
            .build();
    SERVER.enqueue(410, "application/problem+json", GONE);

    assertThatThrownBy(() -> client.widgetSession(WidgetSessionRequest.builder("r").build()))
        .isInstanceOf(TerraGoneException.class)
        .hasMessageContaining("POST /auth/generateWidgetSession (testing) returned 410")
        .hasMessageContaining("use the new widget session endpoint");
    assertThat(SERVER.drain()).hasSize(1);
  }
}
