package dev.terraauth.emulator;

/**
 * A snapshot of one webhook delivery, for the admin API and tests.
 *
 * @param id sequence number, in emission order
 * @param traceId {@code X-Terra-Trace-Id}, the same on every attempt
 * @param type the event type ({@code auth}, {@code deauth}, ...)
 * @param devId the account it belongs to
 * @param url where it goes, or null when the account has no webhook URL
 * @param attempts how many POSTs were made (retries and injected duplicates included)
 * @param state where it stands
 * @param lastStatus the last HTTP status, 0 before the first attempt or after a transport failure
 * @param body the exact JSON body
 * @param orderingTimestampMs {@code X-Terra-Ordering-Timestamp}
 * @param reference {@code terra-reference}
 */
public record WebhookDelivery(
    long id,
    String traceId,
    String type,
    String devId,
    String url,
    int attempts,
    State state,
    int lastStatus,
    String body,
    long orderingTimestampMs,
    String reference) {

  /** Where a delivery stands. */
  public enum State {
    /** Not yet attempted (delayed, or held back by the out-of-order fault). */
    PENDING,
    /** Failed at least once; another attempt is scheduled. */
    RETRYING,
    /** Answered 2xx. */
    DELIVERED,
    /** Every scheduled attempt failed. */
    FAILED,
    /** The account has no webhook URL. */
    NO_DESTINATION
  }
}
