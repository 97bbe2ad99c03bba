package dev.terraauth.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/** The service's logs on stderr: readable lines with the request id, or one JSON object a line. */
public final class GatewayLogging {
  private GatewayLogging() {}

  /** Sends logs to stderr in {@code format} (text or json): WARN, and INFO for terra-auth. */
  public static void apply(String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Encoder<ILoggingEvent> encoder;
    if ("json".equalsIgnoreCase(format)) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithFormattedMessage(true);
      json.start();
      encoder = json;
    } else if ("text".equalsIgnoreCase(format)) {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setContext(context);
      pattern.setPattern("%d{HH:mm:ss.SSS} %-5level [%X{request_id:-}] %logger{0} - %msg%n");
      pattern.start();
      encoder = pattern;
    } else {
      throw new IllegalArgumentException("--log-format must be text or json");
    }
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    root.setLevel(Level.WARN);
    context.getLogger("dev.terraauth").setLevel(Level.INFO);
  }
}
