package dev.terraauth.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.terraauth.testing.Await;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The exception handlers on a real Javalin server. A handler that throws is re-queued by Javalin as
 * a new task, forever (seen once in a full build: millions of log lines from the slow-client flood
 * test); so a failure that arrives after the request was recycled must be dropped quietly.
 */
class ErrorMapperTest {
  private static final AtomicReference<Context> KEPT = new AtomicReference<>();
  private static Javalin server;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger mapperLog = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
  private final Logger javalinLog = (Logger) LoggerFactory.getLogger("io.javalin");
  private Level mapperLevel;

  @BeforeAll
  static void start() {
    server =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  ErrorMapper.install(config.routes);
                  config.routes.get(
                      "/keep",
                      ctx -> {
                        KEPT.set(ctx);
                        ctx.result("kept");
                      });
                  config.routes.get(
                      "/boom",
                      ctx -> {
                        throw new IllegalStateException("boom");
                      });
                  config.routes.get(
                      "/problem",
                      ctx -> {
                        throw ProblemException.badRequest("field 'x' is missing");
                      });
                })
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void capture() {
    logs.start();
    mapperLevel = mapperLog.getLevel();
    mapperLog.setLevel(Level.DEBUG);
    mapperLog.setAdditive(false); // the DEBUG lines stay in this test, not the build output
    mapperLog.addAppender(logs);
    javalinLog.addAppender(logs);
  }

  @AfterEach
  void release() {
    mapperLog.detachAppender(logs);
    javalinLog.detachAppender(logs);
    mapperLog.setAdditive(true);
    mapperLog.setLevel(mapperLevel);
  }

  @Test
  void aFailureAfterTheRequestWasRecycledIsDroppedQuietlyInsteadOfThrowingAgain() throws Exception {
    assertThat(getAndClose("/keep")).startsWith("HTTP/1.1 200");
    Context recycled = KEPT.get();
    // Jetty recycles the exchange once the connection is closed
    Await.until(
        "the kept exchange recycled",
        Duration.ofSeconds(5),
        () -> !ErrorMapper.answerable(recycled));
    ErrorMapper.write(recycled, ProblemException.badRequest("late")); // nothing, not a throw

    ExceptionHandler<Exception> handler =
        ErrorMapper.safely(
            (e, ctx) -> {
              throw new IllegalStateException("a handler must not run for a gone client");
            });
    handler.handle(new IllegalStateException("arrived after the sender left"), recycled);

    assertThat(messages(Level.DEBUG))
        .containsExactly("client gone before IllegalStateException could be answered");
    assertThat(get("/problem").statusCode()).as("the server still answers").isEqualTo(400);
    assertThat(messages(Level.WARN)).as("warnings and errors").isEmpty();
  }

  @Test
  void anUnexpectedFailureIsA500WhoseDetailIsOnlyTheRequestId() throws Exception {
    HttpResponse<String> response = get("/boom");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"instance\":\"/boom\"")
        .contains("unexpected failure")
        .doesNotContain("\"detail\":\"boom");
    assertThat(messages(Level.ERROR)).containsExactly("unexpected failure on GET /boom");
  }

  @Test
  void aProblemKeepsItsStatusAndDetail() throws Exception {
    HttpResponse<String> response = get("/problem");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("field 'x' is missing");
  }

  private List<String> messages(Level level) {
    return logs.list.stream()
        .filter(event -> event.getLevel().isGreaterOrEqual(level))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** One request on its own connection, which the server closes after answering. */
  private static String getAndClose(String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void onlyPostgresRefusingANulIsRecognisedAsTheCallersInput() {
    java.sql.SQLException nul =
        new java.sql.SQLException(
            "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
    assertThat(ErrorMapper.isNulRefusedByDatabase(new IllegalStateException("wrapped", nul)))
        .isTrue();
    assertThat(
            ErrorMapper.isNulRefusedByDatabase(
                new IllegalStateException(
                    new java.sql.SQLException("ERROR: something else", "22021"))))
        .isFalse();
    assertThat(
            ErrorMapper.isNulRefusedByDatabase(
                new java.sql.SQLException("connection refused", "08001")))
        .isFalse();
    assertThat(ErrorMapper.isNulRefusedByDatabase(new IllegalStateException("plain"))).isFalse();
  }
}
