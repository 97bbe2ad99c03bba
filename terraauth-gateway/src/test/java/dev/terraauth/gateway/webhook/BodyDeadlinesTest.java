package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class BodyDeadlinesTest {
  @Test
  void aBodyThatDoesNotArriveFailsWithATimeoutAndOneThatDidIsForgotten() throws Exception {
    try (BodyDeadlines deadlines = new BodyDeadlines()) {
      CompletableFuture<byte[]> stalled =
          deadlines.within(new CompletableFuture<>(), Duration.ofMillis(50));
      CompletableFuture<byte[]> arriving = new CompletableFuture<>();
      deadlines.within(arriving, Duration.ofSeconds(30));
      assertThat(deadlines.reading()).isEqualTo(2);
      arriving.complete(new byte[] {1});

      assertThat(stalled)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(TimeoutException.class);
      assertThat(arriving.join()).containsExactly(1);
      assertThat(deadlines.reading()).isZero();
      // complete already: nothing to track
      assertThat(deadlines.within(CompletableFuture.completedFuture(new byte[0]), Duration.ZERO))
          .isCompleted();
      assertThat(deadlines.reading()).isZero();
    }
  }
}
