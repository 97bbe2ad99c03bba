package dev.terraauth.core.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The delivery headers Terra sends beside the signature. All fields are nullable (absent header).
 * Immutable and thread-safe.
 *
 * @param traceId {@code X-Terra-Trace-Id}: unique per delivery and stable across retries, the
 *     dedupe key
 * @param terraReference {@code terra-reference}: correlates the delivery with the API request that
 *     triggered it; shared by chunks, so <em>not</em> a dedupe key
 * @param orderingTimestampMillis {@code X-Terra-Ordering-Timestamp}: Unix milliseconds when Terra
 *     emitted the payload, unchanged across retries; null when absent or not a number
 */
public record DeliveryMetadata(
    String traceId, String terraReference, Long orderingTimestampMillis) {
  /** {@code X-Terra-Trace-Id}. */
  public static final String TRACE_ID_HEADER = "X-Terra-Trace-Id";

  /** {@code terra-reference}. */
  public static final String REFERENCE_HEADER = "terra-reference";

  /** {@code X-Terra-Ordering-Timestamp}. */
  public static final String ORDERING_TIMESTAMP_HEADER = "X-Terra-Ordering-Timestamp";

  /** No delivery headers known. */
  public static final DeliveryMetadata NONE = new DeliveryMetadata(null, null, null);

  private static final int MAX_DIGITS = 18;

  /**
   * Reads the delivery headers from a header accessor (case-insensitive, like {@code ctx::header});
   * blank values count as absent, a non-numeric ordering timestamp as absent. Never throws; a null
   * accessor gives {@link #NONE}.
   *
   * @param headers looks up a header by name, e.g. {@code ctx::header}
   * @return the metadata
   */
  public static DeliveryMetadata from(Function<String, String> headers) {
    if (headers == null) {
      return NONE;
    }
    return new DeliveryMetadata(
        header(headers, TRACE_ID_HEADER),
        header(headers, REFERENCE_HEADER),
        millis(header(headers, ORDERING_TIMESTAMP_HEADER)));
  }

  /**
   * Like {@link #from(Function)} over a map, matching names case-insensitively.
   *
   * @param headers the headers, names in any case
   * @return the metadata
   */
  public static DeliveryMetadata from(Map<String, String> headers) {
    return headers == null ? NONE : from(name -> SignatureHeader.lookupIgnoringCase(headers, name));
  }

  /**
   * {@link #orderingTimestampMillis} as an instant, if present.
   *
   * @return the ordering timestamp, or empty
   */
  public Optional<Instant> orderingTimestamp() {
    return Optional.ofNullable(orderingTimestampMillis).map(Instant::ofEpochMilli);
  }

  private static String header(Function<String, String> headers, String name) {
    String value = headers.apply(name);
    if (value == null || value.isBlank()) {
      value = headers.apply(name.toLowerCase(java.util.Locale.ROOT));
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Long millis(String value) {
    if (value == null || value.length() > MAX_DIGITS) {
      return null;
    }
    long result = 0;
    for (int index = 0; index < value.length(); index++) {
      char digit = value.charAt(index);
      if (digit < '0' || digit > '9') {
        return null;
      }
      result = result * 10 + (digit - '0');
    }
    return result;
  }
}
