package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Our HMAC-SHA256 (over MessageDigest) against RFC 4231 and against the JDK's {@link Mac}. */
class HmacTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String hmac(byte[] key, byte[] message) {
    Hmac mac = Hmac.newMac(key);
    return HEX.formatHex(mac.doFinal(message));
  }

  // RFC 4231 section 4, HMAC-SHA-256 results (test case 5's truncated output is left out)
  @Test
  void rfc4231Vectors() {
    assertThat(hmac(HEX.parseHex("0b".repeat(20)), ascii("Hi There")))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(hmac(ascii("Jefe"), ascii("what do ya want for nothing?")))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(hmac(HEX.parseHex("aa".repeat(20)), HEX.parseHex("dd".repeat(50))))
        .isEqualTo("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    assertThat(
            hmac(
                HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                HEX.parseHex("cd".repeat(50))))
        .isEqualTo("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    // keys longer than the block: hashed first
    assertThat(
            hmac(
                HEX.parseHex("aa".repeat(131)),
                ascii("Test Using Larger Than Block-Size Key - Hash Key First")))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    assertThat(
            hmac(
                HEX.parseHex("aa".repeat(131)),
                ascii(
                    "This is a test using a larger than block-size key and a larger than"
                        + " block-size data. The key needs to be hashed before being used by the"
                        + " HMAC algorithm.")))
        .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
  }

  @Property(tries = 300)
  void equalsTheJdkMacAndResetsBetweenCalls(
      @ForAll @Size(max = 200) byte[] key,
      @ForAll @Size(max = 300) byte[] first,
      @ForAll @Size(max = 300) byte[] second)
      throws Exception {
    Mac jdk = Mac.getInstance("HmacSHA256");
    // the JDK refuses an empty key; HMAC itself allows it, and Terra's secrets are never empty
    byte[] jdkKey = key.length == 0 ? new byte[] {0} : key;
    jdk.init(new SecretKeySpec(jdkKey, "HmacSHA256"));
    Hmac ours = Hmac.newMac(jdkKey);
    assertThat(ours.doFinal(first)).isEqualTo(jdk.doFinal(first));
    ours.update(first);
    jdk.update(first);
    assertThat(ours.doFinal(second)).isEqualTo(jdk.doFinal(second));
  }

  @Test
  void signsTerrasStringTimestampDotBody() throws Exception {
    byte[] key = ascii("fake-signing-secret-testing-0000");
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected = jdk.doFinal(ascii("1785000000.{\"type\":\"auth\"}"));
    Hmac ours = Hmac.newMac(key);
    assertThat(Hmac.sign(ours, ascii("1785000000"), ascii("{\"type\":\"auth\"}")))
        .isEqualTo(expected);
    assertThat(Hmac.signWithPrefix(ours, ascii("1785000000."), ascii("{\"type\":\"auth\"}")))
        .isEqualTo(expected);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
