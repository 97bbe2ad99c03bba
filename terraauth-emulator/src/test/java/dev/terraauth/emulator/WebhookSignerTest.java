package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The known-answer vectors of contract section 4.1. */
class WebhookSignerTest {
  @Test
  void matchesTheJavaSdkVector() {
    assertThat(sign("foo", 12345678, "{'bar':'baz'}"))
        .isEqualTo("599aa529690b885a43f184327c582375068d70705b7a471af15e10682c6f5313");
  }

  @Test
  void matchesTheDeauthPayloadVector() {
    String body =
        "{\"type\":\"deauth\",\"status\":\"success\",\"message\":\"User has deauthenticated\","
            + "\"user\":{\"user_id\":\"40f7b0e1-89e2-43ac-a5b8-1e29c8d47cad\",\"provider\":\"GARMIN\","
            + "\"last_webhook_update\":null,\"scopes\":\"ACTIVITY_EXPORT\","
            + "\"reference_id\":\"your-user-123\",\"active\":false}}";
    assertThat(sign("whsec_sandbox_example", 1723808700, body))
        .isEqualTo("a001e203f6a081718cc84e5e68315575cac2164878f0f03a1665dd5ff28655bc");
  }

  @Test
  void signsTheRawUtf8Bytes() {
    assertThat(sign("foo", 1723808700, "{\"type\":\"auth\",\"note\":\"caf\u00e9\"}"))
        .isEqualTo("3babdf1bac84baf1f20cad1d8beee3f9416324c4c8ea467e5e52d557eb4c160d");
  }

  @Test
  void headerCarriesOneV1PerSecret() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSigner.header(List.of("new", "old"), 42, body))
        .isEqualTo(
            "t=42,v1="
                + WebhookSigner.sign("new", 42, body)
                + ",v1="
                + WebhookSigner.sign("old", 42, body));
  }

  private static String sign(String secret, long t, String body) {
    return WebhookSigner.sign(secret, t, body.getBytes(StandardCharsets.UTF_8));
  }
}
