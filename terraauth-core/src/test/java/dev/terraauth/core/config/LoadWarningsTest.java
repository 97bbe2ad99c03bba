package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoadWarningsTest {
  @TempDir Path directory;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(CredentialsLoader.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logs);
  }

  private CredentialsLoader loader(Map<String, String> variables) {
    return CredentialsLoader.builder()
        .environmentVariables(variables)
        .workingDirectory(directory)
        .build();
  }

  @Test
  void loadingForRestCallsDoesNotWarnAboutAMissingSigningSecretButCheckStillShowsIt() {
    CredentialsLoader loader =
        loader(
            Map.of(
                "TERRA_TESTING_DEV_ID", "acme-testing-0000",
                "TERRA_TESTING_API_KEY", "fake-api-key-testing-0000"));

    loader.load(Environment.TESTING);

    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    assertThat(loader.inspect(Environment.TESTING).warnings())
        .extracting(Problem::message)
        .anyMatch(message -> message.startsWith("no webhook signing secret for testing"));
  }

  @Test
  void otherWarningsAreStillLoggedWhenLoading() {
    CredentialsLoader loader =
        loader(
            Map.of(
                "TERRA_TESTING_DEV_ID", "acme-testing-0000",
                "TERRA_TESTING_API_KEY", "fake-api-key-testing-0000",
                "TERRA_TESTING_WEBHOOK_SECRET", "fake-signing-secret-testing-0000",
                "TERRA_TESTING_API_URL", "http://terra.example/api/v2"));

    loader.load(Environment.TESTING);

    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(message -> message.contains("plain http to a remote host"));
  }
}
