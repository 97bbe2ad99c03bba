package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureHeaderTest {
  static final String HEX = "a5ee9dba96b4f65aeff6c841aa50121b1f73ec7990d28d53b201523776d4eb00";

  static Reason reasonOf(String header) {
    return catchThrowableOfType(
            WebhookVerificationException.class, () -> SignatureHeader.parse(header))
        .reason();
  }

  @Test
  void parsesTheDocsExample() {
    SignatureHeader header = SignatureHeader.parse("t=1723808700,v1=" + HEX);

    assertThat(header.timestamp()).isEqualTo(1_723_808_700L);
    assertThat(header.signatures()).hasSize(1);
    assertThat(header.signatures().get(0)[0]).isEqualTo((byte) 0xa5);
    assertThat(header.toString()).isEqualTo("SignatureHeader[t=1723808700, v1 count=1]");
  }

  @Test
  void keepsTheTimestampTextThatWasSigned() {
    SignatureHeader header = SignatureHeader.parse("t=0012345678,v1=" + HEX);

    assertThat(header.timestamp()).isEqualTo(12_345_678L);
    assertThat(header.timestampText()).isEqualTo("0012345678");
  }

  @Test
  void splitsOnTheFirstEqualsSign() {
    // "v1==<hex>" has the value "=<hex>", which is not hex: skipped, so no usable v1
    assertThat(reasonOf("t=1,v1==" + HEX)).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(reasonOf("t=1=2,v1=" + HEX)).isEqualTo(Reason.MALFORMED_HEADER);
  }

  @Test
  void boundsLengthAndSignatureCount() {
    assertThat(reasonOf("t=1,v1=" + HEX + ",x=" + "y".repeat(SignatureHeader.MAX_LENGTH)))
        .isEqualTo(Reason.MALFORMED_HEADER);
    String many = "t=1" + (",v1=" + HEX).repeat(SignatureHeader.MAX_SIGNATURES);
    assertThat(SignatureHeader.parse(many).signatures()).hasSize(SignatureHeader.MAX_SIGNATURES);
    assertThat(reasonOf(many + ",v1=" + HEX)).isEqualTo(Reason.MALFORMED_HEADER);
  }

  @Test
  void signaturesAreDefensiveCopies() {
    SignatureHeader header = SignatureHeader.parse("t=1,v1=" + HEX);
    header.signatures().get(0)[0] = 0;

    assertThat(header.signatures().get(0)[0]).isEqualTo((byte) 0xa5);
  }

  @Test
  void blankCurrentHeaderFallsBackToTheDeprecatedOne() {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Terra-Signature", " ");
    headers.put("terra-signature", "t=1,v1=" + HEX);
    headers.put(null, "ignored");

    assertThat(SignatureHeader.from(headers)).isEqualTo("t=1,v1=" + HEX);
    assertThat(SignatureHeader.from((Map<String, String>) null)).isNull();
    assertThat(SignatureHeader.from((java.util.function.Function<String, String>) null)).isNull();
  }
}
