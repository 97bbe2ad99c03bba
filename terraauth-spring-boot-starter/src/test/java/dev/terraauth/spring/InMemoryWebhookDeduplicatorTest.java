package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryWebhookDeduplicatorTest {
  @Test
  void aKeyIsClaimedOnceUntilReleased() {
    InMemoryWebhookDeduplicator seen = new InMemoryWebhookDeduplicator(10);

    assertThat(seen.claim("trace-1")).isTrue();
    assertThat(seen.claim("trace-1")).isFalse();
    seen.release("trace-1");
    assertThat(seen.claim("trace-1")).isTrue();
    assertThat(seen.claimSignature("1700000000.ab")).isTrue();
    assertThat(seen.claimSignature("1700000000.ab")).isFalse();
    seen.releaseSignature("1700000000.ab");
    assertThat(seen.claimSignature("1700000000.ab")).isTrue();
  }

  @Test
  void aTraceIdCannotPoseAsASignatureIdentity() {
    InMemoryWebhookDeduplicator seen = new InMemoryWebhookDeduplicator(10);

    assertThat(seen.claim("1700000000.ab")).isTrue();
    assertThat(seen.claim("signature:1700000000.ab")).isTrue();

    assertThat(seen.claimSignature("1700000000.ab")).isTrue();
  }

  @Test
  void theOldestKeysAreForgottenBeyondTheCapacity() {
    InMemoryWebhookDeduplicator seen = new InMemoryWebhookDeduplicator(2);

    seen.claim("a");
    seen.claim("b");
    seen.claim("c");

    assertThat(seen.claim("a")).as("forgotten").isTrue();
    assertThat(seen.claim("c")).as("still known").isFalse();
    assertThatThrownBy(() -> new InMemoryWebhookDeduplicator(0))
        .hasMessageContaining("capacity must be at least 1");
  }

  @Test
  void anImplementationWithTraceIdsOnlyAcceptsEverySignature() {
    TerraWebhookDeduplicator traceIdsOnly =
        new TerraWebhookDeduplicator() {
          @Override
          public boolean claim(String traceId) {
            return true;
          }

          @Override
          public void release(String traceId) {}
        };

    assertThat(traceIdsOnly.claimSignature("1700000000.ab")).isTrue();
    assertThat(traceIdsOnly.claimSignature("1700000000.ab")).isTrue();
  }
}
