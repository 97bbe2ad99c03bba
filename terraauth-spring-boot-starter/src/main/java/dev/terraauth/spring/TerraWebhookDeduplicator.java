package dev.terraauth.spring;

/**
 * An optional hook that drops repeated deliveries. Terra delivers at least once, so the same event
 * may arrive several times: its retries keep their {@code X-Terra-Trace-Id}. A captured delivery
 * re-sent by someone else within the signature tolerance carries Terra's valid signature but may
 * come with any trace id (the header is not signed), so a delivery is also known by its signature
 * identity, {@code <t>.<SHA-256 of the raw body, hex>}. Register one as a bean (for one instance
 * {@link InMemoryWebhookDeduplicator}; several instances need a shared store) and the endpoint
 * answers a repeat with 200 without calling the listeners (with 503 while this process still runs
 * the first copy's listeners, which may yet fail). Implementations must be thread-safe.
 */
public interface TerraWebhookDeduplicator {
  /**
   * Claims a delivery by trace id before the listeners run (deliveries without one skip this).
   *
   * @param traceId the delivery's {@code X-Terra-Trace-Id}
   * @return true when this delivery is new and should be dispatched; false for a repeat
   */
  boolean claim(String traceId);

  /**
   * Gives a claim back because a listener failed, so Terra's retry is dispatched again.
   *
   * @param traceId the trace id passed to {@link #claim}
   */
  void release(String traceId);

  /**
   * Claims a delivery by its signature identity, after its trace id was claimed. The default
   * accepts every delivery, so an implementation that keeps trace ids only still works; {@link
   * InMemoryWebhookDeduplicator} remembers identities too.
   *
   * @param signatureIdentity {@link dev.terraauth.core.webhook.VerifiedWebhook#signatureIdentity()}
   *     of the verified delivery (the gateway dedupes with the same key)
   * @return true when no delivery with this signature was claimed before; false for a replay
   */
  default boolean claimSignature(String signatureIdentity) {
    return true;
  }

  /**
   * Gives a signature claim back because a listener failed.
   *
   * @param signatureIdentity the identity passed to {@link #claimSignature}
   */
  default void releaseSignature(String signatureIdentity) {}
}
