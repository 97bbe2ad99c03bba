package dev.terraauth.gateway.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * The ordering timestamp a delivery is applied with. {@code X-Terra-Ordering-Timestamp} is not
 * signed, so a replayer could set it far in the future and make every later genuine event look
 * stale. It is trusted only up to the signed {@code t} plus the verifier's tolerance (Terra stamps
 * it when it emits the payload, before signing); a larger value is clamped to that bound. Without
 * the header the delivery counts as the newest (Terra's documented rule), which is the time it was
 * received: never later than that bound either, since the verifier refused it otherwise. ({@code t}
 * itself would be wrong there: it has whole-second resolution, so a headerless deauth signed in the
 * same second as an earlier auth would lose to it.) There is deliberately no lower bound: an old
 * value only makes the event lose to newer ones, and a delivery resent by hand from Terra's
 * dashboard legitimately carries its original, old timestamp.
 *
 * @param millis the effective ordering timestamp, Unix milliseconds
 * @param clamped whether the header's value was above the bound (and so replaced by it)
 */
public record OrderingTimestamp(long millis, boolean clamped) {
  public static OrderingTimestamp of(
      Long headerMillis, Instant signedAt, Duration tolerance, long receivedAtMs) {
    long bound = signedAt.toEpochMilli() + tolerance.toMillis();
    if (headerMillis == null) {
      return new OrderingTimestamp(Math.min(receivedAtMs, bound), false);
    }
    return headerMillis > bound
        ? new OrderingTimestamp(bound, true)
        : new OrderingTimestamp(headerMillis, false);
  }
}
