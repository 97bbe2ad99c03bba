package dev.terraauth.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.terraauth.core.error.WebhookVerificationException;

/**
 * Coverage-guided fuzzing of the webhook event parser (corpus in
 * src/test/resources/dev/terraauth/core/event/WebhookEventParserFuzzTestInputs). The contract: any
 * bytes give an event or a {@code MALFORMED_PAYLOAD} refusal, never another exception.
 */
class WebhookEventParserFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void parsesOrRefusesAnyBody(FuzzedDataProvider data) {
    byte[] body = data.consumeRemainingAsBytes();
    try {
      WebhookEvent event = WebhookEventParser.parse(body);
      assertThat(event).isNotNull();
      assertThat(event.toString()).isNotNull();
    } catch (WebhookVerificationException e) {
      assertThat(e.reason()).isEqualTo(WebhookVerificationException.Reason.MALFORMED_PAYLOAD);
    }
  }
}
