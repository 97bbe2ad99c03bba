package dev.terraauth.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint at {@code terra.webhook.path}. It reads the body as bytes from the request
 * stream itself: a {@code @RequestBody String} would be decoded and could be re-encoded, and the
 * signature covers the exact bytes Terra sent. It writes its answer itself too, so no {@code
 * Accept} header and no message converter of the application can turn it into a 406 or a 500.
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

  @PostMapping("${terra.webhook.path:/terra/webhooks}")
  void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body =
        request.getContentLengthLong() > maxBodyBytes
            ? null
            : readAtMost(request.getInputStream(), maxBodyBytes);
    TerraWebhookReceiver.Outcome outcome =
        body == null
            ? new TerraWebhookReceiver.Outcome(413, "body_too_large")
            : receiver.receive(body, request::getHeader);
    byte[] answer = ("{\"result\":\"" + outcome.result() + "\"}").getBytes(StandardCharsets.UTF_8);
    response.setStatus(outcome.status());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(answer.length);
    response.getOutputStream().write(answer);
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
