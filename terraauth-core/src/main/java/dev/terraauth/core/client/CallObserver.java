package dev.terraauth.core.client;

import java.time.Duration;

/**
 * Told about every finished {@link TerraAuthClient} call, e.g. to time calls with a metrics library
 * (core has none). Called on the calling thread after all retries; must be fast and must not throw.
 * Only fixed operation names and exception class names are passed, never ids or secrets.
 */
@FunctionalInterface
public interface CallObserver {
  /** Observes nothing. */
  CallObserver NONE = (operation, outcome, elapsed) -> {};

  /**
   * One finished call.
   *
   * @param operation the fixed operation name, e.g. {@code GET /userInfo}
   * @param outcome {@code ok}, or the simple class name of the exception thrown (e.g. {@code
   *     RateLimitedException})
   * @param elapsed time from the call to its result, retries and waits included
   */
  void completed(String operation, String outcome, Duration elapsed);
}
