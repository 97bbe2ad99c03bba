package dev.terraauth.emulator;

import java.util.Optional;
import java.util.Random;

/** The faults in force and the seeded random generator that decides whether a rate fires. */
final class FaultSwitch {
  private Faults faults;
  private Random random;

  FaultSwitch(Faults faults) {
    set(faults);
  }

  synchronized void set(Faults value) {
    this.faults = value;
    this.random = new Random(value.seed());
  }

  synchronized Faults get() {
    return faults;
  }

  /** True with probability {@code rate}; always for 1.0, never for 0. */
  synchronized boolean fires(double rate) {
    return rate > 0 && random.nextDouble() < rate;
  }

  /** The first route fault matching {@code operation} that fires on this request. */
  synchronized Optional<Faults.RouteFault> routeFault(String operation) {
    for (Faults.RouteFault fault : faults.routes()) {
      if (fault.matches(operation) && fires(fault.rate())) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }
}
