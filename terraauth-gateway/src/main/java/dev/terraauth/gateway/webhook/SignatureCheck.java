package dev.terraauth.gateway.webhook;

import dev.terraauth.core.config.Environment;
import java.util.function.Function;

/** Verifies a webhook delivery's signature against every secret the deployment knows. */
public interface SignatureCheck {

  /**
   * Verifies the raw body against the signature headers.
   *
   * @param headers looks a header up by name, case-insensitively; null when absent
   * @return which secret matched
   * @throws WebhookRejectedException when no secret matches, the header is missing or garbled, or
   *     the timestamp is outside the tolerance
   */
  Match verify(byte[] rawBody, Function<String, String> headers);

  /** The secret that verified a delivery: its environment and a printable label. */
  record Match(Environment environment, String label) {}
}
