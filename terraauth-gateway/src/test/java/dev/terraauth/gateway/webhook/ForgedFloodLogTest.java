package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
    Logger root = (Logger) LoggerFactory.getLogger("dev.terraauth");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Level level = root.getLevel();
    root.setLevel(Level.INFO); // the request log is INFO; tests run at WARN
    root.setAdditive(false); // to the list only, not the build's console
    int refused = 0;
    try {
      String body = IntakeContract.authBody("user-forged", "forged", "GARMIN");
      String forged = "t=" + IntakeContract.now().getEpochSecond() + ",v1=" + "0".repeat(64);
      for (int i = 0; i < 300; i++) {
        HttpResponse<String> answer = contract.post(body, forged, "forged-" + i, null);
        refused += answer.statusCode() == 401 ? 1 : 0;
      }
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
      root.setAdditive(true);
    }
    assertThat(refused).as("every forgery refused").isEqualTo(300);
    long refusalLines =
        logs.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("webhook refused"))
            .count();
    long requestLines =
        logs.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("POST /webhooks/terra -> 401"))
            .count();
    assertThat(refusalLines).as("refusal lines for 300 forgeries").isBetween(1L, 20L);
    assertThat(requestLines).as("request lines for 300 forgeries").isBetween(1L, 50L);
  }

  /** A captured delivery replayed with a forged ordering timestamp: deduplicated, few lines. */
  @Test
  void replaysWithAForgedOrderingTimestampLogABoundedNumberOfLines() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger("dev.terraauth");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setAdditive(false);
    int answered = 0;
    try {
      String body = IntakeContract.authBody("user-clamped", "clamped", "GARMIN");
      String signed = IntakeContract.sign(IntakeContract.now().getEpochSecond(), body);
      for (int i = 0; i < 200; i++) {
        HttpResponse<String> answer =
            contract.post(body, signed, "clamped-trace", 999_999_999_999_999L);
        answered += answer.statusCode() == 200 ? 1 : 0;
      }
    } finally {
      root.detachAppender(logs);
      root.setAdditive(true);
    }
    assertThat(answered).as("the delivery, then its duplicates").isEqualTo(200);
    long clampLines =
        logs.list.stream()
            .filter(e -> e.getFormattedMessage().contains("X-Terra-Ordering-Timestamp is later"))
            .count();
    assertThat(clampLines).as("clamp lines for 200 copies").isLessThanOrEqualTo(20L);
  }
}
