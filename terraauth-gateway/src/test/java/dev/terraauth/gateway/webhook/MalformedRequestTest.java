package dev.terraauth.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any route (oversized headers, a malformed path or header, no URI)
 * get the gateway's problem+json naming the problem, not Jetty's HTML page; and the gateway keeps
 * answering.
 */
class MalformedRequestTest {
  @TempDir static Path directory;

  @BeforeAll
  static void open() {
    IntakeContract.startGateway(TestDatabase.sqlite(directory), IntakeSettings.defaults());
  }

  @AfterAll
  static void close() {
    IntakeContract.stop();
  }

  @Test
  void headersOverTheLimitAre431ProblemJson() throws Exception {
    String answer =
        send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    JsonNode problem = problem(answer, 431);
    assertThat(problem.get("detail").asText()).contains("headers are over the gateway's limit");
  }

  @Test
  void aMalformedPathOrHeaderIs400ProblemJsonNamingWhatWasWrong() throws Exception {
    problem(send("GET /api/terra/%00x HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    JsonNode control =
        problem(send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n"), 400);
    assertThat(control.get("detail").asText()).startsWith("Illegal character");
    JsonNode garbage = problem(send("GARBAGE\r\n\r\n"), 400);
    assertThat(garbage.get("detail").asText()).contains("malformed");
    // still serving
    assertThat(send("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  private static JsonNode problem(String answer, int status) throws IOException {
    assertThat(answer).startsWith("HTTP/1.1 " + status);
    String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
    assertThat(head.toLowerCase(java.util.Locale.ROOT))
        .contains("content-type: application/problem+json");
    JsonNode body = TerraJson.newMapper().readTree(answer.substring(head.length() + 4));
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asText()).isNotBlank();
    return body;
  }

  private static String send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", IntakeContract.gateway.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      // the answers here close the connection (or are read once complete)
      while ((read = in.read(buffer)) > 0) {
        out.write(buffer, 0, read);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int length = contentLength(text, end);
        if (end >= 0 && length >= 0 && text.length() >= end + 4 + length) {
          break;
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static int contentLength(String text, int end) {
    if (end < 0) {
      return -1;
    }
    for (String line : text.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return -1;
  }
}
