package dev.terraauth.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shaped like Terra's public Java sample receiver (tryterra/sample-webhook-endpoint-java): one
 * controller that reads the body, checks the HMAC-SHA256 of {@code t + "." + body} against the
 * {@code terra-signature} header and answers 200. It stores nothing: the bar the gateway, which
 * stores durably, is measured against.
 */
@SpringBootApplication
@RestController
public class BaselineReceiver {
  private final byte[] secret;

  public BaselineReceiver(@Value("${terra.signing-secret}") String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) {
    SpringApplication.run(BaselineReceiver.class, args);
  }

  @PostMapping("/webhooks/terra")
  public ResponseEntity<String> receive(
      @RequestBody byte[] body,
      @RequestHeader(value = "terra-signature", required = false) String signature)
      throws Exception {
    if (signature == null) {
      return ResponseEntity.status(401).body("no signature");
    }
    String t = null;
    String v1 = null;
    for (String part : signature.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].equals("t")) {
        t = pair[1];
      } else if (pair.length == 2 && pair[0].equals("v1")) {
        v1 = pair[1];
      }
    }
    if (t == null || v1 == null) {
      return ResponseEntity.status(401).body("malformed signature");
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    byte[] given = java.util.HexFormat.of().parseHex(v1);
    if (!MessageDigest.isEqual(expected, given)) {
      return ResponseEntity.status(401).body("bad signature");
    }
    return ResponseEntity.ok("{\"status\":\"ok\"}");
  }
}
