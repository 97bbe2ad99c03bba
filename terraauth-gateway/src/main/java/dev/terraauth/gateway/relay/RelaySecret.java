package dev.terraauth.gateway.relay;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's Standard Webhooks signing secret: {@code whsec_} + base64 of at least 24 random
 * bytes. {@link #toString()} never shows it; {@link #reveal()} is the audited way out (the create
 * and rotate responses, and the database column that signing needs).
 */
public final class RelaySecret {
  public static final String PREFIX = "whsec_";
  public static final int MIN_BYTES = 24;
  private static final int GENERATED_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String text;
  private final byte[] key;

  private RelaySecret(String text, byte[] key) {
    this.text = text;
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>}.
   *
   * @param where names the source in the error ("TERRAAUTH_RELAY_SECRET"); the value is never shown
   * @throws IllegalArgumentException naming what is wrong
   */
  public static RelaySecret parse(String text, String where) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(where + " is empty: expected whsec_<base64>");
    }
    String value = text.strip();
    if (!value.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          where
              + " must start with whsec_ (a Standard Webhooks secret: whsec_ + base64 of at least "
              + MIN_BYTES
              + " random bytes, e.g. from 'openssl rand -base64 32')");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": the part after whsec_ is not valid base64", e);
    }
    if (key.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          where
              + " decodes to "
              + key.length
              + " bytes; at least "
              + MIN_BYTES
              + " are required (e.g. whsec_$(openssl rand -base64 32))");
    }
    return new RelaySecret(value, key);
  }

  /** A fresh random secret (32 bytes). */
  public static RelaySecret generate() {
    byte[] key = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(key);
    return new RelaySecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
  }

  /** The HMAC key (a copy). */
  byte[] key() {
    return key.clone();
  }

  /** The {@code whsec_...} text. Every call site is a place where the secret leaves this type. */
  public String reveal() {
    return text;
  }

  @Override
  public String toString() {
    return "RelaySecret[redacted]";
  }
}
