package dev.terraauth.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's notion of "now": a base clock plus an offset that only moves forward through
 * {@link #advance}. Session and token expiry and webhook timestamps read it, so tests expire a
 * session by advancing the clock instead of sleeping. Thread-safe.
 */
public final class EmulatorClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;
  private final java.util.List<Runnable> afterAdvance =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private EmulatorClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  /**
   * {@return a clock that starts at {@code base} and can be advanced}
   *
   * @param base the clock giving the start time and zone
   */
  public static EmulatorClock of(Clock base) {
    if (base instanceof EmulatorClock emulatorClock) {
      return emulatorClock;
    }
    return new EmulatorClock(
        Objects.requireNonNull(base, "base"), new AtomicReference<>(Duration.ZERO));
  }

  /** {@return the system clock, advanceable} */
  public static EmulatorClock system() {
    return of(Clock.systemUTC());
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far, not negative
   * @throws IllegalArgumentException when {@code amount} is negative
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the emulator clock only moves forward");
    }
    offset.accumulateAndGet(amount, Duration::plus);
    // deadlines kept by the emulator (streaming timeouts) are checked at once, not on the next tick
    afterAdvance.forEach(Runnable::run);
  }

  /** Runs {@code listener} after every {@link #advance}. */
  void afterAdvance(Runnable listener) {
    afterAdvance.add(listener);
  }

  /** {@return how far the clock has been advanced in total} */
  public Duration advancedBy() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
