package dev.terraauth.core.webhook;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) of Terra's signed string {@code <t>.<body>}, over the JDK's own SHA-256.
 * Internal to the webhook package.
 *
 * <p>Why not {@code javax.crypto.Mac}: the first {@code Mac.getInstance} in a JVM sets up the JCE
 * jurisdiction policy (parsing policy files), 30-40 ms on this project's machines, which was most
 * of what {@code terra-auth webhook verify} paid over a bare start. The construction is the JDK's
 * own ({@code com.sun.crypto.provider.HmacCore} also keeps one digest and re-primes it with the
 * inner pad), so the digest, and its CPU intrinsic, are the same; tests pin it to RFC 4231's
 * vectors and to {@code Mac} on random keys and messages.
 */
final class Hmac {
  static final int LENGTH = 32;
  private static final int BLOCK = 64;
  private static final byte DOT = '.';

  private final MessageDigest digest;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];

  private Hmac(byte[] key) {
    digest = sha256();
    byte[] block = new byte[BLOCK];
    byte[] shortKey = key.length > BLOCK ? digest.digest(key) : key;
    System.arraycopy(shortKey, 0, block, 0, shortKey.length);
    for (int index = 0; index < BLOCK; index++) {
      innerPad[index] = (byte) (block[index] ^ 0x36);
      outerPad[index] = (byte) (block[index] ^ 0x5c);
    }
    Arrays.fill(block, (byte) 0);
    if (shortKey != key) {
      Arrays.fill(shortKey, (byte) 0);
    }
    digest.update(innerPad);
  }

  /** A fresh HMAC for the key (the secret's UTF-8 bytes, not kept). Not thread-safe. */
  static Hmac newMac(byte[] key) {
    return new Hmac(key);
  }

  void update(byte[] bytes) {
    digest.update(bytes);
  }

  void update(byte b) {
    digest.update(b);
  }

  /** The HMAC of everything updated since the last call, with {@code last} appended; resets. */
  byte[] doFinal(byte[] last) {
    digest.update(last);
    byte[] inner = digest.digest();
    digest.update(outerPad);
    byte[] result = digest.digest(inner);
    digest.update(innerPad);
    return result;
  }

  /** HMAC of {@code timestampAscii + "." + body}; leaves the HMAC ready for the next call. */
  static byte[] sign(Hmac mac, byte[] timestampAscii, byte[] body) {
    mac.update(timestampAscii);
    mac.update(DOT);
    return mac.doFinal(body);
  }

  /** HMAC of {@code signedPrefix + body}, the prefix being {@code "<t>."}. */
  static byte[] signWithPrefix(Hmac mac, byte[] signedPrefix, byte[] body) {
    mac.update(signedPrefix);
    return mac.doFinal(body);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
