package dev.terraauth.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to requests that never reach a route (headers over the size limit, a path with an
 * encoded NUL or an ambiguous separator, an unparsable request line) as the same {@code
 * application/problem+json} as every other error of the gateway, instead of Jetty's HTML page. The
 * detail is Jetty's own reason phrase, which names the problem (never request data).
 */
public final class ProblemErrorHandler extends ErrorHandler {
  private static final int MAX_DETAIL = 200;

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause) {
    String title = HttpStatus.getMessage(code);
    String detail =
        message == null || message.isBlank() || message.equals(title) ? reason(cause) : message;
    if (detail == null || detail.isBlank() || detail.endsWith(": null")) {
      detail = title; // Jetty's placeholder reasons ("431: null") say less than the status
    }
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
    String body =
        ErrorMapper.document(
            new ProblemException(code, title.toLowerCase(Locale.ROOT), detail + hint(code)),
            Map.of());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  /** The parser's reason (e.g. "Ambiguous URI encoding"), when Jetty passed one. */
  private static String reason(Throwable cause) {
    for (Throwable at = cause; at != null; at = at.getCause()) {
      if (at instanceof org.eclipse.jetty.http.HttpException http && http.getReason() != null) {
        return http.getReason();
      }
      if (at.getMessage() != null && !at.getMessage().isBlank()) {
        return at.getMessage();
      }
    }
    return null;
  }

  private static String hint(int code) {
    if (code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
      return " (the request's headers are over the gateway's limit)";
    }
    if (code == HttpStatus.BAD_REQUEST_400) {
      return " (the request line, a header or the path is malformed: an encoded NUL or control"
          + " character, an ambiguous path segment or separator)";
    }
    return "";
  }
}
