package dev.terraauth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogBudgetTest {
  @Test
  void logsTheFirstLinesOfAWindowAndThenHowManyWereHeldBack() {
    Logger log = (Logger) LoggerFactory.getLogger("log-budget-test");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    AtomicLong now = new AtomicLong(1_000);
    LogBudget budget = new LogBudget(log, "refusals", 3, Duration.ofSeconds(10), now::get);
    try {
      int allowed = 0;
      for (int i = 0; i < 1_000; i++) {
        allowed += budget.allow() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(3);
      assertThat(lines.list).isEmpty(); // the summary waits for the window to end

      now.addAndGet(Duration.ofSeconds(9).toNanos());
      assertThat(budget.allow()).as("same window").isFalse();
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(budget.allow()).as("a new window").isTrue();
      assertThat(lines.list).hasSize(1);
      assertThat(lines.list.get(0).getFormattedMessage())
          .startsWith("998 more refusals not logged in the last 10 s");

      // a window without held-back lines logs no summary
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      assertThat(budget.allow()).isTrue();
      assertThat(lines.list).hasSize(1);
    } finally {
      log.detachAppender(lines);
    }
  }
}
