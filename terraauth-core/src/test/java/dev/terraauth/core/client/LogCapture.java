package dev.terraauth.core.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of terraauth at TRACE level while open. */
final class LogCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.terraauth");
  private final Level previousLevel = logger.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.TRACE);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Formatted messages plus every argument and throwable message, for leak checks. */
  List<String> everything() {
    return events().stream()
        .map(
            event -> {
              StringBuilder text = new StringBuilder(event.getFormattedMessage());
              if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                  text.append(' ').append(argument);
                }
              }
              if (event.getThrowableProxy() != null) {
                text.append(' ').append(event.getThrowableProxy().getMessage());
              }
              return text.toString();
            })
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
  }
}
