package dev.terraauth.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.RateLimitedException;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraBadRequestException;
import dev.terraauth.core.error.TerraGoneException;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.core.error.TerraServerErrorException;
import dev.terraauth.core.error.UnexpectedResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error response into the typed exception. Reads RFC 9457 problem+json (current host),
 * {@code {status, message}} (legacy host and the widget API), non-JSON pages and empty bodies.
 * Quoted text is redacted and shortened. Not API.
 */
public final class ErrorResponses {
  private static final int MAX_QUOTE = 200;
  private static final Pattern HTML_TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final Environment environment;
  private final Redactor redactor;

  public ErrorResponses(Environment environment, Redactor redactor) {
    this.environment = environment;
    this.redactor = redactor;
  }

  /** What went wrong, as one line ending with a fix. */
  public TerraApiException toException(
      String operation,
      int status,
      String contentType,
      byte[] body,
      String requestId,
      Instant now,
      String retryAfterHeader) {
    Quote quote = quote(contentType, body);
    String base =
        operation + " (" + environment.id() + ") returned " + status + quote.text() + quote.tail();
    String env = environment.id();
    if (status == 401 || status == 403) {
      return new InvalidCredentialsException(
          base
              + "; the dev-id and x-api-key must be from the same environment; check `terra-auth env"
              + " check --live --env "
              + env
              + "`",
          status,
          quote.code(),
          requestId);
    }
    if (status == 404) {
      return new TerraNotFoundException(
          base + "; check the id or provider and that it belongs to the " + env + " environment",
          status,
          quote.code(),
          requestId);
    }
    if (status == 410) {
      return new TerraGoneException(
          base + "; this endpoint is retired for this account: use the new widget session endpoint",
          status,
          quote.code(),
          requestId);
    }
    if (status == 429) {
      Duration retryAfter = RetryAfter.parse(retryAfterHeader, now);
      String when =
          retryAfter == null ? "retry later" : "retry in " + retryAfter.toSeconds() + " s";
      return new RateLimitedException(
          base + "; Terra is rate limiting: " + when, status, quote.code(), requestId, retryAfter);
    }
    if (status >= 400 && status < 500) {
      return new TerraBadRequestException(
          base + "; check the request parameters", status, quote.code(), requestId);
    }
    if (status >= 500 && status < 600) {
      // Missing data sources make only the widget endpoints fail; elsewhere that advice misleads.
      boolean widget = operation.toLowerCase(Locale.ROOT).contains("widget");
      return new TerraServerErrorException(
          base
              + "; Terra failed: retry later"
              + (widget
                  ? ", and if it persists check that the "
                      + env
                      + " environment has data sources"
                      + " enabled"
                  : ""),
          status,
          quote.code(),
          requestId);
    }
    return new UnexpectedResponseException(
        base + "; this client does not expect that status", status, requestId, null);
  }

  private Quote quote(String contentType, byte[] body) {
    if (body == null || body.length == 0) {
      return new Quote("", " with an empty body", null);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String trimmed = text.strip();
    if (type.contains("json") || trimmed.startsWith("{")) {
      try {
        JsonNode node = Json.mapper().readTree(text);
        if (node != null && node.isObject()) {
          String detail = firstText(node, "detail", "message", "title", "error");
          String problemType = node.path("type").asText(null);
          String code =
              problemType == null || "about:blank".equals(problemType)
                  ? null
                  : shorten(redactor.redact(problemType));
          if (detail != null) {
            return new Quote(": " + shorten(redactor.redact(detail)), "", code);
          }
          return new Quote("", " with a JSON body without a message", code);
        }
      } catch (IOException e) {
        // not JSON after all: quoted as text below
      }
    }
    if (type.contains("html") || trimmed.startsWith("<")) {
      Matcher title = HTML_TITLE.matcher(text);
      String titleText =
          title.find() ? ": \"" + shorten(redactor.redact(title.group(1))) + "\"" : "";
      return new Quote("", " with an HTML page (" + body.length + " bytes)" + titleText, null);
    }
    return new Quote(": \"" + shorten(redactor.redact(text)) + "\"", "", null);
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "...";
  }

  private record Quote(String text, String tail, String code) {}
}
