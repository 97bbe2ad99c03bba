package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.testing.LogCapture;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Await;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Senders that drop the connection mid-body: counted as {@code client_gone}, nothing stored,
 * nothing logged above DEBUG, and the gateway keeps answering.
 */
class ClientGoneTest {
  @TempDir static Path directory;

  private final IntakeContract contract = new IntakeContract() {};
  private LogCapture logs;

  @BeforeAll
  static void open() {
    IntakeContract.startGateway(TestDatabase.sqlite(directory), IntakeSettings.defaults());
  }

  @AfterAll
  static void close() {
    IntakeContract.stop();
  }

  @BeforeEach
  void capture() {
    // at INFO, so that an INFO line about a dropped sender is caught too
    logs = LogCapture.atInfo("io.javalin", "org.eclipse.jetty", "dev.terraauth");
  }

  @AfterEach
  void release() {
    logs.close();
  }

  @Test
  void aSenderThatResetsMidBodyIsCountedAndNothingIsLogged() throws Exception {
    int port = IntakeContract.gateway.port();
    for (int i = 0; i < 5; i++) {
      resetMidBody(port);
    }
    Await.until(
        "five dropped senders counted as client_gone",
        Duration.ofSeconds(30),
        () -> clientGone(port) >= 5);
    // the gateway still answers, and a real delivery is stored
    String body = IntakeContract.authBody("user-client-gone", "client-gone", "GARMIN");
    HttpResponse<String> delivered =
        contract.post(
            body, IntakeContract.sign(IntakeContract.now().getEpochSecond(), body), null, null);
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
    assertThat(logs.events())
        .as("log events at INFO or above")
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
        // the request log's lines for this test's own polling of /metrics
        .filteredOn(event -> !event.getFormattedMessage().startsWith("GET /metrics -> 200"))
        .isEmpty();
  }

  private static void resetMidBody(int port) throws IOException {
    try (Socket socket = IntakeContract.startBody(port)) {
      socket.setSoLinger(true, 0); // close with a reset, as a crashed sender does
    }
  }

  private double clientGone(int port) {
    try {
      String metrics =
          contract
              .http
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return metrics
          .lines()
          .filter(
              line ->
                  line.startsWith("terraauth_webhook_intake_refused_total{reason=\"client_gone\""))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      throw new AssertionError("GET /metrics failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
