package dev.terraauth.core.webhook;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.util.Arrays;

/**
 * Scans the elements of one signature header value without regular expressions or substrings; the
 * rules are documented on {@link SignatureHeader}. Single use, not thread-safe.
 */
final class SignatureHeaderParser {
  private static final int MAX_TIMESTAMP_DIGITS = 18;
  private static final int HEX_LENGTH = Hmac.LENGTH * 2;

  private final String value;
  private final int maxSignatures;
  private byte[] signedPrefix;
  private long timestamp;
  private byte[][] signatures = new byte[2][];
  private int count;
  private boolean skippedBadV1;
  private int elements;

  SignatureHeaderParser(String value, int maxSignatures) {
    this.value = value;
    this.maxSignatures = maxSignatures;
  }

  /** Handles the element between {@code from} and {@code to} (exclusive), commas excluded. */
  void element(int from, int to) {
    int start = skipSpace(from, to);
    int stop = trimEnd(start, to);
    if (start == stop) {
      return; // empty element, e.g. a trailing comma
    }
    elements++;
    int equals = value.indexOf('=', start);
    if (equals < 0 || equals >= stop) {
      throw malformed("element " + elements + " has no '='");
    }
    int keyStop = trimEnd(start, equals);
    int valueStart = skipSpace(equals + 1, stop);
    if (isKey(start, keyStop, "t")) {
      if (signedPrefix != null) {
        throw malformed("more than one t= element");
      }
      signedPrefix = digitsAndDot(valueStart, stop);
      timestamp = toLong(signedPrefix);
    } else if (isKey(start, keyStop, "v1")) {
      addSignature(decodeHex(valueStart, stop));
    } // any other scheme or key is ignored: no downgrade
  }

  private void addSignature(byte[] signature) {
    if (signature == null) {
      skippedBadV1 = true;
      return;
    }
    if (count == maxSignatures) {
      throw malformed("more than " + maxSignatures + " v1 signatures");
    }
    if (count == signatures.length) {
      signatures = Arrays.copyOf(signatures, count * 2);
    }
    signatures[count++] = signature;
  }

  /** The timestamp digits followed by {@code '.'}; throws when there was no {@code t}. */
  byte[] signedPrefix() {
    if (signedPrefix == null) {
      throw malformed("no t= timestamp");
    }
    return signedPrefix;
  }

  long timestamp() {
    return timestamp;
  }

  /** The decoded v1 signatures; throws when there is none that is usable. */
  byte[][] signatures() {
    if (count == 0) {
      if (skippedBadV1) {
        throw malformed("no v1 signature is 64 hexadecimal characters");
      }
      throw new WebhookVerificationException(
          Reason.NO_V1_SIGNATURE, "the header has no v1 signature (other schemes are ignored)");
    }
    return Arrays.copyOf(signatures, count);
  }

  private static WebhookVerificationException malformed(String detail) {
    return new WebhookVerificationException(Reason.MALFORMED_HEADER, detail);
  }

  private int skipSpace(int from, int to) {
    int index = from;
    while (index < to && value.charAt(index) <= ' ') {
      index++;
    }
    return index;
  }

  private int trimEnd(int from, int to) {
    int index = to;
    while (index > from && value.charAt(index - 1) <= ' ') {
      index--;
    }
    return index;
  }

  private boolean isKey(int start, int stop, String key) {
    return stop - start == key.length() && value.regionMatches(start, key, 0, key.length());
  }

  private byte[] digitsAndDot(int start, int stop) {
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

  /** 64 hex characters (either case) as 32 bytes, or null when the value is not that. */
  private byte[] decodeHex(int start, int stop) {
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

  /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
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
}
