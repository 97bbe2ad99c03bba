package dev.terraauth.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The CLI's logging: warnings and errors on stderr, set up in code. It replaces a logback.xml
 * because parsing XML (Joran, Xerces, the pattern compiler) cost a short command like {@code env
 * list} about 150 ms of its start-up; {@code serve} installs its own format on top.
 */
public final class QuietConsoleConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    PlainLayout layout = new PlainLayout();
    layout.setContext(context);
    layout.start();
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code HH:mm:ss.SSS LEVEL Logger - message}, without the pattern compiler. */
  static final class PlainLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Override
    public String doLayout(ILoggingEvent event) {
      String logger = event.getLoggerName();
      StringBuilder line =
          new StringBuilder()
              .append(LocalTime.now().format(TIME))
              .append(' ')
              .append(String.format("%-5s", event.getLevel()))
              .append(' ')
              .append(logger.substring(logger.lastIndexOf('.') + 1))
              .append(" - ")
              .append(event.getFormattedMessage())
              .append(System.lineSeparator());
      if (event.getThrowableProxy() != null) {
        line.append("  caused by: ")
            .append(event.getThrowableProxy().getMessage())
            .append(System.lineSeparator());
      }
      return line.toString();
    }
  }
}
