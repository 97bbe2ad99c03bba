package dev.terraauth.core.webhook;

import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.event.WebhookEventParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery whose signature and timestamp were verified: the raw body, when it was signed, which
 * configured secret matched (environment and rotation generation) and the delivery headers. Only a
 * {@link WebhookVerifier} creates one. Immutable and thread-safe (the body is copied out).
 */
public final class VerifiedWebhook {
  private final byte[] body;
  private final Instant signedAt;
  private final SigningSecret matchedSecret;
  private final DeliveryMetadata delivery;

  VerifiedWebhook(
      byte[] body, Instant signedAt, SigningSecret matchedSecret, DeliveryMetadata delivery) {
    this.body = body;
    this.signedAt = signedAt;
    this.matchedSecret = matchedSecret;
    this.delivery = Objects.requireNonNull(delivery, "delivery");
  }

  /** {@return the verified raw body (a copy)} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return the verified raw body decoded as UTF-8} */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** {@return the signed timestamp {@code t}} */
  public Instant signedAt() {
    return signedAt;
  }

  /**
   * {@return the configured secret whose signature matched: compare its environment with the one
   * this deployment serves, and watch for old generations still in use}
   */
  public SigningSecret matchedSecret() {
    return matchedSecret;
  }

  /**
   * {@return trace id, terra-reference and ordering timestamp (fields null when the headers were
   * absent)}
   */
  public DeliveryMetadata delivery() {
    return delivery;
  }

  /**
   * The verified signature identity, the dedupe key of a delivery that has no trace id (or a replay
   * that invents one): {@code t} zero-padded to 12 digits, a dot, then the hex SHA-256 of {@code t
   * + "." + raw body}. It is computed over the bytes Terra signed, not the header text, so {@code
   * t=1, v1=..}, upper-case hex and an extra {@code v0=} entry are one delivery; {@code t} first
   * makes the keys of one moment neighbours in an index. Terra re-signs its retries with a new
   * {@code t}, so a retry has a new identity: the trace id stays the key for retries.
   *
   * @return e.g. {@code 001796150000.3cd9...}
   */
  public String signatureIdentity() {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      String seconds = Long.toString(signedAt.getEpochSecond());
      digest.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "0".repeat(Math.max(0, 12 - seconds.length()))
          + seconds
          + "."
          + java.util.HexFormat.of().formatHex(digest.digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * Parses the verified body into a typed event.
   *
   * @return the typed event
   * @throws dev.terraauth.core.error.WebhookVerificationException with reason {@code
   *     MALFORMED_PAYLOAD} when the body is not a Terra event
   */
  public WebhookEvent event() {
    return WebhookEventParser.parse(body);
  }

  @Override
  public String toString() {
    return "VerifiedWebhook[signedAt="
        + signedAt
        + ", matched="
        + matchedSecret.label()
        + ", traceId="
        + delivery.traceId()
        + ", bytes="
        + body.length
        + "]";
  }
}
