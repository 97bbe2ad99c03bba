package dev.terraauth.core.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when told; its sleeper records the waits and advances the clock. */
final class ManualClock extends Clock {
  private volatile Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  ManualClock(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  Sleeper sleeper() {
    return duration -> {
      synchronized (this) {
        sleeps.add(duration);
        advance(duration);
      }
    };
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now;
  }
}
