package dev.terraauth.gateway.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a finished attempt leaves its message: delivered on 2xx; else the next retry of the
 * schedule, each delay jittered by +-20 % so a receiver coming back is not hit by every message at
 * once; failed for good after the last.
 */
final class RetryPolicy {
  private final List<Duration> schedule;

  RetryPolicy(List<Duration> schedule) {
    this.schedule = List.copyOf(schedule);
  }

  OutboxStore.Outcome after(AttemptResult result, boolean permanent, long nowMs) {
    OutboundMessage message = result.message();
    if (result.delivered()) {
      return new OutboxStore.Outcome(result, "delivered", nowMs, message.retryIndex());
    }
    int used = message.retryIndex();
    if (permanent || used >= schedule.size()) {
      return new OutboxStore.Outcome(result, "failed", nowMs, used);
    }
    long delay = schedule.get(used).toMillis();
    long jittered =
        Math.max(1, Math.round(delay * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    return new OutboxStore.Outcome(result, "pending", nowMs + jittered, used + 1);
  }
}
