package dev.terraauth.core.webhook;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of Terra's signed string {@code <t>.<body>}. Internal to the webhook package. */
final class Hmac {
  static final String ALGORITHM = "HmacSHA256";
  static final int LENGTH = 32;
  private static final byte DOT = '.';

  private Hmac() {}

  /** A fresh, initialised Mac for the key (the secret's UTF-8 bytes). Not thread-safe. */
  static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is required of every JDK", e);
    }
  }

  static SecretKeySpec key(byte[] secretUtf8) {
    return new SecretKeySpec(secretUtf8, ALGORITHM);
  }

  /** HMAC of {@code timestampAscii + "." + body}; leaves the Mac ready for the next call. */
  static byte[] sign(Mac mac, byte[] timestampAscii, byte[] body) {
    mac.update(timestampAscii);
    mac.update(DOT);
    return mac.doFinal(body);
  }

  /** HMAC of {@code signedPrefix + body}, the prefix being {@code "<t>."}. */
  static byte[] signWithPrefix(Mac mac, byte[] signedPrefix, byte[] body) {
    mac.update(signedPrefix);
    return mac.doFinal(body);
  }
}
