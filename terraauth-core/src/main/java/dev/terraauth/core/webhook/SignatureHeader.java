package dev.terraauth.core.webhook;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
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
   *
   * @param headers looks up a header by name, e.g. {@code ctx::header}
   * @return the header value, or null
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

  /**
   * Like {@link #from(Function)} over a map, matching header names case-insensitively.
   *
   * @param headers the headers, names in any case
   * @return the header value, or null
   */
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
   * @param value the header value
   * @return the timestamp and signatures
   * @throws WebhookVerificationException with {@link Reason#MISSING_HEADER} (null or blank), {@link
   *     Reason#MALFORMED_HEADER} or {@link Reason#NO_V1_SIGNATURE}; never anything else
   */
  public static SignatureHeader parse(String value) {
    if (value == null || value.isBlank()) {
      throw new WebhookVerificationException(Reason.MISSING_HEADER, "no signature header");
    }
    if (value.length() > MAX_LENGTH) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_HEADER, "header is longer than " + MAX_LENGTH + " characters");
    }
    SignatureHeaderParser parser = new SignatureHeaderParser(value, MAX_SIGNATURES);
    int position = 0;
    while (position <= value.length()) {
      int end = value.indexOf(',', position);
      end = end < 0 ? value.length() : end;
      parser.element(position, end);
      position = end + 1;
    }
    return new SignatureHeader(parser.signedPrefix(), parser.timestamp(), parser.signatures());
  }

  /** {@return the signed timestamp, in Unix seconds as sent (not yet checked against any clock)} */
  public long timestamp() {
    return timestamp;
  }

  /** {@return the timestamp exactly as it appeared in the header (the text that was signed)} */
  public String timestampText() {
    return new String(signedPrefix, 0, signedPrefix.length - 1, StandardCharsets.US_ASCII);
  }

  /** {@return the decoded {@code v1} signatures, 32 bytes each, in header order (copies)} */
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
