package dev.terraauth.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint at {@code terra.webhook.path}. It reads the body as bytes from the request
 * stream itself: a {@code @RequestBody String} would be decoded and could be re-encoded, and the
 * signature covers the exact bytes Terra sent.
 */
@RestController
final class TerraWebhookController {
  private static final int BUFFER = 8192;

  private final TerraWebhookReceiver receiver;
  private final long maxBodyBytes;

  TerraWebhookController(TerraWebhookReceiver receiver, long maxBodyBytes) {
    this.receiver = receiver;
    this.maxBodyBytes = maxBodyBytes;
  }

  @PostMapping(
      path = "${terra.webhook.path:/terra/webhooks}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> receive(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      return answer(413, "body_too_large");
    }
    byte[] body = readAtMost(request.getInputStream(), maxBodyBytes);
    if (body == null) {
      return answer(413, "body_too_large");
    }
    TerraWebhookReceiver.Outcome outcome = receiver.receive(body, request::getHeader);
    return answer(outcome.status(), outcome.result());
  }

  private static ResponseEntity<Map<String, String>> answer(int status, String result) {
    return ResponseEntity.status(status).body(Map.of("result", result));
  }

  /** The whole stream, or null when it is longer than the limit (chunked bodies have no length). */
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
      total += read;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }
}
