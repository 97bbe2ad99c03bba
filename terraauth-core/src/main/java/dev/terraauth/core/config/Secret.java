package dev.terraauth.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret value (API key, webhook signing secret, token). {@link #toString()} never shows it;
 * {@link #reveal()} is the one audited way out: grep for {@code reveal()} to find every use.
 *
 * <p>Deliberately has no {@code equals}/{@code hashCode} (so secrets cannot leak through map keys
 * or be compared in variable time by accident) and is not {@link java.io.Serializable}. Compare
 * with {@link #matches(Secret)}. Immutable and thread-safe.
 */
public final class Secret {
  private static final int FINGERPRINT_HEX_CHARS = 8;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the value, not blank
   * @return the secret
   * @throws IllegalArgumentException if the value is null or blank (the message never shows it)
   */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("secret must not be null or blank");
    }
    return new Secret(value);
  }

  /** {@return the secret itself} Every call site is a place where the secret leaves this type. */
  public String reveal() {
    return value;
  }

  /** {@return the secret's UTF-8 bytes (a fresh copy), e.g. as an HMAC key} */
  public byte[] revealBytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Constant-time comparison of the two values (time depends only on the lengths).
   *
   * @param other the other secret, may be null
   * @return whether both hold the same value
   */
  public boolean matches(Secret other) {
    return other != null && MessageDigest.isEqual(revealBytes(), other.revealBytes());
  }

  /**
   * Constant-time comparison against a candidate string, e.g. one presented by a caller.
   *
   * @param candidate the presented value, may be null
   * @return whether it equals this secret
   */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(revealBytes(), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@return a short, stable fingerprint (the first 8 hex characters of the SHA-256 of the value)
   * that lets people tell keys apart without seeing them} Safe to print and log.
   */
  public String fingerprint() {
    return fingerprintOf(value);
  }

  /**
   * The fingerprint {@link #fingerprint()} would give for this raw value.
   *
   * @param rawValue the raw value
   * @return its fingerprint
   */
  public static String fingerprintOf(String rawValue) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(rawValue.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** {@return the number of characters, which is safe to show and useful in diagnostics} */
  public int length() {
    return value.length();
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
