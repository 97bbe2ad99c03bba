package dev.terraauth.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: {@code v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}, one space-separated entry per secret (several during a
 * rotation, so receivers holding either secret verify).
 */
public final class StandardWebhookSigner {
  /**
   * One {@code Mac} per signing thread: {@code Mac.getInstance} looks the provider up on every
   * call, which cost more than the HMAC of a 2 KB body on the relay's thread; {@code init} with the
   * key is cheap and resets it.
   */
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
            }
          });

  private StandardWebhookSigner() {}

  public static String signature(
      String messageId, long timestampSeconds, byte[] body, List<RelaySecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("an endpoint needs at least one secret to sign with");
    }
    byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (RelaySecret secret : secrets) {
      try {
        Mac mac = MACS.get();
        mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
        mac.update(prefix);
        byte[] digest = mac.doFinal(body);
        if (header.length() > 0) {
          header.append(' ');
        }
        header.append("v1,").append(Base64.getEncoder().encodeToString(digest));
      } catch (InvalidKeyException e) {
        throw new IllegalStateException("an HMAC-SHA256 key of any length is valid", e);
      }
    }
    return header.toString();
  }
}
