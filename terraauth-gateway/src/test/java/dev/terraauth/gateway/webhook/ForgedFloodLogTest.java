package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.testing.LogCapture;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
