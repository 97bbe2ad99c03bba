package dev.terraauth.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies exactly as Terra does: {@code v1} is the lower-case hex HMAC-SHA256, keyed
 * with the signing secret's UTF-8 bytes, of {@code "<t>." + raw body}. The emulator's own code, on
 * purpose independent of the verifier in terraauth-core. Stateless and thread-safe.
 */
public final class WebhookSigner {
  private WebhookSigner() {}

  /**
   * {@return the {@code v1} value for one secret}
   *
   * @param secret the signing secret
   * @param unixSeconds the signing time {@code t}
   * @param body the raw body
   */
  public static String sign(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(Long.toString(unixSeconds).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  /**
   * {@return the header value {@code t=<unix s>,v1=<hex>[,v1=<hex>...]}, one {@code v1} per secret}
   *
   * @param secrets the signing secrets, one {@code v1} each
   * @param unixSeconds the signing time {@code t}
   * @param body the raw body
   */
  public static String header(List<String> secrets, long unixSeconds, byte[] body) {
    StringBuilder header = new StringBuilder("t=").append(unixSeconds);
    for (String secret : secrets) {
      header.append(",v1=").append(sign(secret, unixSeconds, body));
    }
    return header.toString();
  }
}
