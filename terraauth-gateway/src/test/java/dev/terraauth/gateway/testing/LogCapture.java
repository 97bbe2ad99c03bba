package dev.terraauth.gateway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures what some loggers write at INFO and above (the suite runs at WARN), into a list only:
 * not into the build's console. Restores the loggers' levels on close.
 */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Map<Logger, Level> levels = new LinkedHashMap<>();

  private LogCapture(String... names) {
    appender.start();
    for (String name : names) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      levels.put(logger, logger.getLevel());
      logger.addAppender(appender);
      logger.setLevel(Level.INFO);
      logger.setAdditive(false);
    }
  }

  /** Starts capturing these loggers (and their children) at INFO. */
  public static LogCapture atInfo(String... names) {
    return new LogCapture(names);
  }

  /** What was logged so far, in order. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** How many lines so far start with {@code prefix}. */
  public long startingWith(String prefix) {
    return events().stream().filter(e -> e.getFormattedMessage().startsWith(prefix)).count();
  }

  @Override
  public void close() {
    levels.forEach(
        (logger, level) -> {
          logger.detachAppender(appender);
          logger.setLevel(level);
          logger.setAdditive(true);
        });
  }
}
