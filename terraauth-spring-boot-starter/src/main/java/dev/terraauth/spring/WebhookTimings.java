package dev.terraauth.spring;

import java.time.Duration;

/** Where the endpoint reports how long verification took; Micrometer when present. */
interface WebhookTimings {
  WebhookTimings NONE = (outcome, elapsed) -> {};

  /**
   * Records one verification.
   *
   * @param outcome {@code verified} or the rejection reason in lower case
   * @param elapsed time spent verifying
   */
  void verification(String outcome, Duration elapsed);
}
