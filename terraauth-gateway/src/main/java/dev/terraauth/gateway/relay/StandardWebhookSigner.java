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
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
        mac.update(prefix);
        byte[] digest = mac.doFinal(body);
        if (header.length() > 0) {
          header.append(' ');
        }
        header.append("v1,").append(Base64.getEncoder().encodeToString(digest));
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
      }
    }
    return header.toString();
  }
}
