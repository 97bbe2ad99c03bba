package dev.terraauth.core.webhook;

import dev.terraauth.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Signs webhook bodies exactly as Terra does: {@code t=<unix seconds>,v1=<lowercase hex of
 * HMAC-SHA256(secret UTF-8, "<t>.<body>")>}. For tests, the emulator's users and the CLI. Immutable
 * and thread-safe.
 */
public final class WebhookSigner {
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] key;

  private WebhookSigner(Secret secret) {
    this.key = Objects.requireNonNull(secret, "secret").revealBytes();
  }

  /**
   * {@return a signer for one secret}
   *
   * @param secret the signing secret
   */
  public static WebhookSigner of(Secret secret) {
    return new WebhookSigner(secret);
  }

  /**
   * {@return the raw 32-byte signature of {@code <t>.<body>}}
   *
   * @param timestampSeconds the signing time {@code t}, Unix seconds
   * @param body the raw body
   * @throws IllegalArgumentException when the timestamp is negative
   */
  public byte[] signature(long timestampSeconds, byte[] body) {
    if (timestampSeconds < 0) {
      throw new IllegalArgumentException("timestamp must not be negative");
    }
    byte[] timestamp = Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII);
    return Hmac.sign(Hmac.newMac(key), timestamp, Objects.requireNonNull(body, "body"));
  }

  /**
   * {@return the lowercase hex {@code v1} value for {@code <t>.<body>}}
   *
   * @param timestampSeconds the signing time {@code t}, Unix seconds
   * @param body the raw body
   */
  public String signatureHex(long timestampSeconds, byte[] body) {
    return HEX.formatHex(signature(timestampSeconds, body));
  }

  /**
   * {@return the header value {@code t=<t>,v1=<hex>}, exactly as Terra sends it}
   *
   * @param timestampSeconds the signing time {@code t}, Unix seconds
   * @param body the raw body
   */
  public String header(long timestampSeconds, byte[] body) {
    return "t=" + timestampSeconds + ",v1=" + signatureHex(timestampSeconds, body);
  }

  /**
   * {@return the header value for a body signed at this instant (whole seconds)}
   *
   * @param signedAt the signing time
   * @param body the raw body
   */
  public String header(Instant signedAt, byte[] body) {
    return header(signedAt.getEpochSecond(), body);
  }

  /**
   * {@return the header value for a body signed now by this clock}
   *
   * @param clock the clock giving the signing time
   * @param body the raw body
   */
  public String header(Clock clock, byte[] body) {
    return header(clock.instant(), body);
  }

  /**
   * {@return a rotation-style header with one {@code v1} per signer, in order: {@code
   * t=..,v1=..,v1=..}}
   *
   * @param timestampSeconds the signing time {@code t}, Unix seconds
   * @param body the raw body
   * @param signers one signer per {@code v1} value
   */
  public static String header(long timestampSeconds, byte[] body, List<WebhookSigner> signers) {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer is required");
    }
    StringBuilder header = new StringBuilder("t=").append(timestampSeconds);
    for (WebhookSigner signer : signers) {
      header.append(",v1=").append(signer.signatureHex(timestampSeconds, body));
    }
    return header.toString();
  }

  @Override
  public String toString() {
    return "WebhookSigner[secret redacted]";
  }
}
