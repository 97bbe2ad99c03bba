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

  /** A signer for one secret. */
  public static WebhookSigner of(Secret secret) {
    return new WebhookSigner(secret);
  }

  /**
   * The raw 32-byte signature of {@code <t>.<body>}.
   *
   * @throws IllegalArgumentException when the timestamp is negative
   */
  public byte[] signature(long timestampSeconds, byte[] body) {
    if (timestampSeconds < 0) {
      throw new IllegalArgumentException("timestamp must not be negative");
    }
    byte[] timestamp = Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII);
    return Hmac.sign(Hmac.newMac(key), timestamp, Objects.requireNonNull(body, "body"));
  }

  /** The lowercase hex {@code v1} value for {@code <t>.<body>}. */
  public String signatureHex(long timestampSeconds, byte[] body) {
    return HEX.formatHex(signature(timestampSeconds, body));
  }

  /** The header value {@code t=<t>,v1=<hex>}, exactly as Terra sends it. */
  public String header(long timestampSeconds, byte[] body) {
    return "t=" + timestampSeconds + ",v1=" + signatureHex(timestampSeconds, body);
  }

  /** The header value for a body signed at this instant (whole seconds). */
  public String header(Instant signedAt, byte[] body) {
    return header(signedAt.getEpochSecond(), body);
  }

  /** The header value for a body signed now by this clock. */
  public String header(Clock clock, byte[] body) {
    return header(clock.instant(), body);
  }

  /** A rotation-style header with one {@code v1} per signer, in order: {@code t=..,v1=..,v1=..}. */
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
