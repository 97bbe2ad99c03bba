package dev.terraauth.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks a Standard Webhooks message (for {@code terra-auth relay listen}): the timestamp within
 * the tolerance, and one {@code v1,} entry of {@code webhook-signature} equal (constant time) to
 * the HMAC of {@code id.timestamp.body} under one of the secrets.
 */
public final class StandardWebhookVerifier {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<RelaySecret> secrets;
  private final Duration tolerance;

  public StandardWebhookVerifier(List<RelaySecret> secrets, Duration tolerance) {
    this.secrets = List.copyOf(secrets);
    this.tolerance = tolerance;
  }

  /** Why the message is refused, or empty when it verifies. */
  public Optional<String> problem(
      String id, String timestamp, String signature, byte[] body, long nowSeconds) {
    if (id == null || timestamp == null || signature == null) {
      return Optional.of("missing webhook-id, webhook-timestamp or webhook-signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("webhook-timestamp is not unix seconds");
    }
    if (Math.abs(nowSeconds - seconds) > tolerance.toSeconds()) {
      return Optional.of("webhook-timestamp is more than " + tolerance + " away from now");
    }
    for (RelaySecret secret : secrets) {
      byte[] expected =
          StandardWebhookSigner.signature(id, seconds, body, List.of(secret))
              .getBytes(StandardCharsets.US_ASCII);
      for (String entry : signature.strip().split(" +")) {
        if (MessageDigest.isEqual(expected, entry.getBytes(StandardCharsets.US_ASCII))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("no v1 signature matches the secret");
  }
}
