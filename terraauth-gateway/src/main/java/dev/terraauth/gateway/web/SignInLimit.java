package dev.terraauth.gateway.web;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * At most {@value #FAILURES_PER_MINUTE} failed dashboard sign-ins a minute on this instance, so
 * guessing the admin token costs time. Thread-safe.
 */
final class SignInLimit {
  static final int FAILURES_PER_MINUTE = 10;
  private static final long WINDOW_MS = 60_000;

  private final Clock clock;
  private final Deque<Long> failures = new ArrayDeque<>();

  SignInLimit(Clock clock) {
    this.clock = clock;
  }

  synchronized void failed() {
    failures.addLast(clock.millis());
    while (failures.size() > FAILURES_PER_MINUTE) {
      failures.removeFirst();
    }
  }

  /** Empty when a sign-in may be tried now, else the seconds to wait. */
  synchronized Optional<Long> retryAfterSeconds() {
    long now = clock.millis();
    while (!failures.isEmpty() && failures.peekFirst() <= now - WINDOW_MS) {
      failures.removeFirst();
    }
    if (failures.size() < FAILURES_PER_MINUTE) {
      return Optional.empty();
    }
    return Optional.of(Math.max(1, (failures.peekFirst() + WINDOW_MS - now + 999) / 1000));
  }
}
