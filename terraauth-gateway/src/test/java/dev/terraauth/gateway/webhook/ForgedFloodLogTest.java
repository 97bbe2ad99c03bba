package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.testing.LogCapture;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anyone can post forged deliveries: each is refused and counted, but a flood of them writes a
 * bounded number of log lines (it used to write two per request: 148 MB in 40 s under load).
 */
class ForgedFloodLogTest {
  @TempDir static Path directory;

  private final IntakeContract contract = new IntakeContract() {};

  @BeforeAll
  static void open() {
    IntakeContract.startGateway(TestDatabase.sqlite(directory), IntakeSettings.defaults());
  }

  @AfterAll
  static void close() {
    IntakeContract.stop();
  }

  @Test
  void aFloodOfForgeriesLogsABoundedNumberOfLines() throws Exception {
    int refused = 0;
    long refusalLines;
    long requestLines;
    try (LogCapture logs = LogCapture.atInfo("dev.terraauth")) { // the request log is INFO
      String body = IntakeContract.authBody("user-forged", "forged", "GARMIN");
      String forged = "t=" + IntakeContract.now().getEpochSecond() + ",v1=" + "0".repeat(64);
      for (int i = 0; i < 300; i++) {
        HttpResponse<String> answer = contract.post(body, forged, "forged-" + i, null);
        refused += answer.statusCode() == 401 ? 1 : 0;
      }
      refusalLines = logs.startingWith("webhook refused");
      requestLines = logs.startingWith("POST /webhooks/terra -> 401");
    }
    assertThat(refused).as("every forgery refused").isEqualTo(300);
    assertThat(refusalLines).as("refusal lines for 300 forgeries").isBetween(1L, 20L);
    assertThat(requestLines).as("request lines for 300 forgeries").isBetween(1L, 50L);
  }

  /**
   * The trace id header is unsigned: whatever a stranger puts there reaches the log only without
   * control characters. Jetty refuses C0 controls and DEL in headers, not C1 (here CSI, U+009B).
   */
  @Test
  void aForgersTraceIdReachesTheLogWithoutControlCharacters() throws Exception {
    try (LogCapture logs = LogCapture.atInfo("dev.terraauth")) {
      String body = IntakeContract.authBody("user-csi", "csi", "GARMIN");
      String forged = "t=" + IntakeContract.now().getEpochSecond() + ",v1=" + "0".repeat(64);
      // the refusal lines have a budget per 10 s that the flood above may have spent: retry
      List<String> refusals = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
      while (refusals.isEmpty() && System.nanoTime() < deadline) {
        HttpResponse<String> answer =
            contract.post(body, forged, "csi-\u009b2J-" + "x".repeat(300), null);
        assertThat(answer.statusCode()).isEqualTo(401);
        refusals =
            logs.events().stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("webhook refused"))
                .toList();
        if (refusals.isEmpty()) {
          Thread.sleep(500);
        }
      }
      assertThat(refusals).isNotEmpty();
      assertThat(refusals.get(0))
          .doesNotContain("\u009b")
          .contains("trace=csi-?2J-xxx")
          .contains("x".repeat(120) + "...:")
          .doesNotContain("x".repeat(130));
    }
  }

  /** A captured delivery replayed with a forged ordering timestamp: deduplicated, few lines. */
  @Test
  void replaysWithAForgedOrderingTimestampLogABoundedNumberOfLines() throws Exception {
    double clampedBefore = clamped();
    int answered = 0;
    long clampLines;
    try (LogCapture logs = LogCapture.atInfo("dev.terraauth")) {
      String body = IntakeContract.authBody("user-clamped", "clamped", "GARMIN");
      String signed = IntakeContract.sign(IntakeContract.now().getEpochSecond(), body);
      for (int i = 0; i < 200; i++) {
        HttpResponse<String> answer =
            contract.post(body, signed, "clamped-trace", 999_999_999_999_999L);
        answered += answer.statusCode() == 200 ? 1 : 0;
      }
      clampLines = logs.startingWith("webhook trace=clamped-trace: X-Terra-Ordering-Timestamp");
    }
    assertThat(answered).as("the delivery, then its duplicates").isEqualTo(200);
    assertThat(clamped() - clampedBefore).as("every copy clamped and counted").isEqualTo(200);
    assertThat(clampLines).as("clamp lines for 200 copies").isLessThanOrEqualTo(20L);
  }

  private double clamped() throws Exception {
    String metrics =
        contract
            .http
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + IntakeContract.gateway.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("terraauth_webhook_ordering_clamped_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
