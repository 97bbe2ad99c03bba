package dev.terraauth.gateway.webhook;

import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.webhook.WebhookRejectedException.Reason;
import java.util.function.Function;

/**
 * Verifies with core's {@link WebhookVerifier}, built over this environment's secrets (every
 * rotation generation) and, to recognise misrouted deliveries, other environments' secrets.
 */
public final class CoreSignatureCheck implements SignatureCheck {
  private final WebhookVerifier verifier;

  public CoreSignatureCheck(WebhookVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Match verify(byte[] rawBody, Function<String, String> headers) {
    VerifiedWebhook verified;
    try {
      verified = verifier.verify(rawBody, headers);
    } catch (WebhookVerificationException e) {
      throw new WebhookRejectedException(reason(e.reason()), e.getMessage());
    }
    SigningSecret secret = verified.matchedSecret();
    return new Match(secret.environment(), secret.label());
  }

  private static Reason reason(WebhookVerificationException.Reason reason) {
    return switch (reason) {
      case MISSING_HEADER -> Reason.MISSING_SIGNATURE;
      case STALE_TIMESTAMP, FUTURE_TIMESTAMP, MILLISECOND_TIMESTAMP -> Reason.STALE_TIMESTAMP;
      case MALFORMED_PAYLOAD, MISSING_BODY -> Reason.MALFORMED_BODY;
      default -> Reason.BAD_SIGNATURE;
    };
  }
}
