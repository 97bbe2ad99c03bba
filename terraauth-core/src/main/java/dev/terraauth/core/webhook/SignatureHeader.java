package dev.terraauth.core.webhook;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed Terra signature header, {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}. Immutable and
 * thread-safe.
 *
 * <p>Parsing is lenient where Terra's format allows variation and strict where ambiguity could be
 * abused:
 *
 * <ul>
 *   <li>elements are split on {@code ,}, each element on its <em>first</em> {@code =}; whitespace
 *       around elements, keys and values is ignored; empty elements are skipped;
 *   <li>any number of {@code v1} elements (secret rotation); every other scheme ({@code v0}, ...)
 *       and unknown keys are ignored, so a downgrade to a weaker scheme is impossible;
 *   <li>{@code v1} hex is case-insensitive and decoded to bytes; a {@code v1} that is not 64 hex
 *       characters is skipped, and the header is malformed if no usable {@code v1} remains;
 *   <li>{@code t} must be 1 to 18 ASCII digits and appear exactly once: a duplicate {@code t} is
 *       rejected as {@link Reason#MALFORMED_HEADER} (even with equal values), because which
 *       timestamp was signed would be ambiguous;
 *   <li>an element without {@code =} makes the header malformed; headers longer than {@value
 *       #MAX_LENGTH} characters or with more than {@value #MAX_SIGNATURES} {@code v1} values are
 *       rejected.
 * </ul>
 *
 * <p>{@link #parse} never throws anything but {@link WebhookVerificationException}, whatever the
 * input (including null). No regular expressions are used.
 */
public final class SignatureHeader {
  /** The header Terra sends today. */
  public static final String HEADER = "X-Terra-Signature";

  /** The deprecated duplicate Terra still sends; read only when {@link #HEADER} is absent. */
  public static final String DEPRECATED_HEADER = "terra-signature";

  /** Longest header value accepted. */
  public static final int MAX_LENGTH = 8192;

  /** Most {@code v1} signatures accepted in one header. */
  public static final int MAX_SIGNATURES = 32;

  private static final int MAX_TIMESTAMP_DIGITS = 18;
  private static final int HEX_LENGTH = Hmac.LENGTH * 2;

  /** The timestamp digits as sent, followed by {@code '.'}: the start of the signed string. */
  private final byte[] signedPrefix;

  private final long timestamp;
  private final byte[][] signatures;

  private SignatureHeader(byte[] signedPrefix, long timestamp, byte[][] signatures) {
    this.signedPrefix = signedPrefix;
    this.timestamp = timestamp;
    this.signatures = signatures;
  }

  /**
   * The raw signature header value from a header accessor (such as a web framework's {@code
   * ctx::header}): {@code X-Terra-Signature} first, then the deprecated {@code terra-signature};
   * blank values count as absent. The accessor should be case-insensitive, as HTTP header names
   * are; the usual spellings are tried in any case. Returns null when neither is present or the
   * accessor is null.
   */
  public static String from(Function<String, String> headers) {
    if (headers == null) {
      return null;
    }
    String value = firstPresent(headers, HEADER, "x-terra-signature", "X-TERRA-SIGNATURE");
    return value != null
        ? value
        : firstPresent(headers, DEPRECATED_HEADER, "Terra-Signature", "TERRA-SIGNATURE");
  }

  /** Like {@link #from(Function)} over a map, matching header names case-insensitively. */
  public static String from(Map<String, String> headers) {
    return headers == null ? null : from(name -> lookupIgnoringCase(headers, name));
  }

  static String lookupIgnoringCase(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (name.equalsIgnoreCase(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String firstPresent(Function<String, String> headers, String... names) {
    for (String name : names) {
      String value = headers.apply(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /**
   * Parses a header value.
   *
   * @throws WebhookVerificationException with {@link Reason#MISSING_HEADER} (null or blank), {@link
   *     Reason#MALFORMED_HEADER} or {@link Reason#NO_V1_SIGNATURE}; never anything else
   */
  public static SignatureHeader parse(String value) {
    if (value == null || value.isBlank()) {
      throw new WebhookVerificationException(Reason.MISSING_HEADER, "no signature header");
    }
    if (value.length() > MAX_LENGTH) {
      throw malformed("header is longer than " + MAX_LENGTH + " characters");
    }
    byte[] timestampAscii = null;
    long timestamp = 0;
    byte[][] signatures = new byte[2][];
    int count = 0;
    boolean skippedBadV1 = false;
    int position = 0;
    int length = value.length();
    while (position <= length) {
      int end = value.indexOf(',', position);
      if (end < 0) {
        end = length;
      }
      int start = skipSpace(value, position, end);
      int stop = trimEnd(value, start, end);
      if (start < stop) {
        int equals = value.indexOf('=', start);
        if (equals < 0 || equals >= stop) {
          throw malformed("element " + (count + 1) + " has no '='");
        }
        int keyStop = trimEnd(value, start, equals);
        int valueStart = skipSpace(value, equals + 1, stop);
        if (isKey(value, start, keyStop, "t")) {
          if (timestampAscii != null) {
            throw malformed("more than one t= element");
          }
          timestampAscii = digits(value, valueStart, stop);
          timestamp = toLong(timestampAscii);
        } else if (isKey(value, start, keyStop, "v1")) {
          byte[] signature = decodeHex(value, valueStart, stop);
          if (signature == null) {
            skippedBadV1 = true;
          } else {
            if (count == MAX_SIGNATURES) {
              throw malformed("more than " + MAX_SIGNATURES + " v1 signatures");
            }
            if (count == signatures.length) {
              signatures = Arrays.copyOf(signatures, count * 2);
            }
            signatures[count++] = signature;
          }
        }
      }
      position = end + 1;
    }
    if (timestampAscii == null) {
      throw malformed("no t= timestamp");
    }
    if (count == 0) {
      if (skippedBadV1) {
        throw malformed("no v1 signature is 64 hexadecimal characters");
      }
      throw new WebhookVerificationException(
          Reason.NO_V1_SIGNATURE, "the header has no v1 signature (other schemes are ignored)");
    }
    return new SignatureHeader(timestampAscii, timestamp, Arrays.copyOf(signatures, count));
  }

  private static WebhookVerificationException malformed(String detail) {
    return new WebhookVerificationException(Reason.MALFORMED_HEADER, detail);
  }

  private static int skipSpace(String value, int from, int to) {
    int index = from;
    while (index < to && value.charAt(index) <= ' ') {
      index++;
    }
    return index;
  }

  private static int trimEnd(String value, int from, int to) {
    int index = to;
    while (index > from && value.charAt(index - 1) <= ' ') {
      index--;
    }
    return index;
  }

  private static boolean isKey(String value, int start, int stop, String key) {
    return stop - start == key.length() && value.regionMatches(start, key, 0, key.length());
  }

  private static byte[] digits(String value, int start, int stop) {
    int length = stop - start;
    if (length == 0 || length > MAX_TIMESTAMP_DIGITS) {
      throw malformed("t is not a Unix timestamp in seconds");
    }
    byte[] ascii = new byte[length + 1];
    ascii[length] = '.';
    for (int index = 0; index < length; index++) {
      char digit = value.charAt(start + index);
      if (digit < '0' || digit > '9') {
        throw malformed("t is not a Unix timestamp in seconds");
      }
      ascii[index] = (byte) digit;
    }
    return ascii;
  }

  private static long toLong(byte[] digitsAndDot) {
    long result = 0;
    for (int index = 0; index < digitsAndDot.length - 1; index++) {
      result = result * 10 + (digitsAndDot[index] - '0'); // at most 18 digits: no overflow
    }
    return result;
  }

  private static byte[] decodeHex(String value, int start, int stop) {
    if (stop - start != HEX_LENGTH) {
      return null;
    }
    byte[] bytes = new byte[Hmac.LENGTH];
    for (int index = 0; index < Hmac.LENGTH; index++) {
      int high = nibble(value.charAt(start + 2 * index));
      int low = nibble(value.charAt(start + 2 * index + 1));
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[index] = (byte) ((high << 4) | low);
    }
    return bytes;
  }

  private static int nibble(char character) {
    if (character >= '0' && character <= '9') {
      return character - '0';
    }
    if (character >= 'a' && character <= 'f') {
      return character - 'a' + 10;
    }
    if (character >= 'A' && character <= 'F') {
      return character - 'A' + 10;
    }
    return -1;
  }

  /** The signed timestamp, in Unix seconds as sent (not yet checked against any clock). */
  public long timestamp() {
    return timestamp;
  }

  /** The timestamp exactly as it appeared in the header (the text that was signed). */
  public String timestampText() {
    return new String(signedPrefix, 0, signedPrefix.length - 1, StandardCharsets.US_ASCII);
  }

  /** The decoded {@code v1} signatures, 32 bytes each, in header order (copies). */
  public List<byte[]> signatures() {
    List<byte[]> copies = new ArrayList<>(signatures.length);
    for (byte[] signature : signatures) {
      copies.add(signature.clone());
    }
    return List.copyOf(copies);
  }

  byte[] signedPrefix() {
    return signedPrefix;
  }

  /** True when any {@code v1} equals the expected MAC; each comparison is constant-time. */
  boolean matches(byte[] expected) {
    boolean matched = false;
    for (byte[] signature : signatures) {
      matched |= MessageDigest.isEqual(signature, expected);
    }
    return matched;
  }

  @Override
  public String toString() {
    return "SignatureHeader[t=" + timestamp + ", v1 count=" + signatures.length + "]";
  }
}
