package dev.terraauth.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraBadRequestException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.auth.JwksUnavailableException;
import dev.terraauth.gateway.auth.UnauthorizedException;
import dev.terraauth.gateway.service.ConnectionNotFoundException;
import dev.terraauth.gateway.service.IssueLimitException;
import dev.terraauth.gateway.store.StoreUnavailableException;
import dev.terraauth.gateway.webhook.WebhookRejectedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns every failure into {@code application/problem+json}: the caller's mistakes are 4xx, Terra's
 * failures 502/503 with {@code Retry-After}, and anything unexpected a 500 whose detail is only the
 * request id (the stack trace goes to the log, never to the caller).
 */
public final class ErrorMapper {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final long TRANSPORT_RETRY_AFTER_SECONDS = 5;
  private static final long UPSTREAM_RETRY_AFTER_SECONDS = 30;
  private static final long STORE_RETRY_AFTER_SECONDS = 1;

  private ErrorMapper() {}

  public static void install(RoutesConfig routes) {
    // each handler is wrapped so that a request whose client is gone is left alone (answerable)
    on(routes, ProblemException.class, (e, ctx) -> write(ctx, e));
    // Javalin's own answers: no route (404), wrong method (405), a body over the limit (413)
    on(routes, HttpResponseException.class, (e, ctx) -> write(ctx, routing(e, ctx)));
    for (int status : new int[] {404, 405, 413}) {
      routes.error(
          status,
          "*",
          ctx -> {
            if (answerable(ctx) && ctx.resultInputStream() == null) {
              write(ctx, routing(new HttpResponseException(status), ctx));
            }
          });
    }
    on(
        routes,
        UnauthorizedException.class,
        (e, ctx) -> {
          ctx.header("WWW-Authenticate", "Bearer");
          write(ctx, new ProblemException(401, "unauthorized", e.getMessage()));
        });
    on(
        routes,
        JwksUnavailableException.class,
        (e, ctx) ->
            write(
                ctx,
                new ProblemException(
                    503,
                    "service unavailable",
                    e.getMessage(),
                    JwksUnavailableException.RETRY_AFTER_SECONDS)));
    on(routes, WebhookRejectedException.class, (e, ctx) -> write(ctx, rejected(e)));
    on(routes, StoreUnavailableException.class, (e, ctx) -> write(ctx, storeUnavailable(e)));
    on(
        routes,
        IssueLimitException.class,
        (e, ctx) ->
            write(
                ctx,
                new ProblemException(
                    429, "too many requests", e.getMessage(), e.retryAfter().toSeconds())));
    on(
        routes,
        ConnectionNotFoundException.class,
        (e, ctx) -> write(ctx, ProblemException.notFound(e.getMessage())));
    on(routes, TerraApiException.class, (e, ctx) -> write(ctx, upstream(e)));
    on(
        routes,
        TerraTransportException.class,
        (e, ctx) -> {
          LOG.warn("Terra unreachable: {}", e.getMessage());
          write(
              ctx,
              new ProblemException(
                  503,
                  "service unavailable",
                  "Terra could not be reached; try again shortly",
                  TRANSPORT_RETRY_AFTER_SECONDS));
        });
    on(
        routes,
        Exception.class,
        (e, ctx) -> {
          if (isNulRefusedByDatabase(e)) {
            // PostgreSQL cannot store a NUL character in text: the caller's input, not our fault
            write(
                ctx,
                ProblemException.badRequest(
                    "the request carries a NUL character (\\u0000), which cannot be stored"));
            return;
          }
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          write(
              ctx,
              new ProblemException(
                  500,
                  "internal server error",
                  "unexpected failure; quote request id " + MDC.get(RequestIds.MDC_KEY)));
        });
  }

  /** PostgreSQL's "invalid byte sequence for encoding UTF8: 0x00" (SQL state 22021). */
  static boolean isNulRefusedByDatabase(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql
          && "22021".equals(sql.getSQLState())
          && String.valueOf(sql.getMessage()).contains("0x00")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** A routing failure in words that name the method and path. */
  static ProblemException routing(HttpResponseException e, Context ctx) {
    String where = ctx.method().name() + " " + shorten(ctx.path());
    return switch (e.getStatus()) {
      case 404 -> ProblemException.notFound("no such endpoint: " + where);
      case 405 ->
          new ProblemException(
              405,
              "method not allowed",
              where
                  + " is not allowed"
                  + (e.getDetails().isEmpty()
                      ? ""
                      : "; allowed: " + String.join(", ", e.getDetails().values())));
      case 413 ->
          new ProblemException(
              413, "payload too large", "the request body of " + where + " is too large");
      default ->
          new ProblemException(
              e.getStatus(),
              e.getStatus() >= 500 ? "server error" : "client error",
              e.getMessage() == null ? where : e.getMessage());
    };
  }

  private static String shorten(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }

  private static <T extends Exception> void on(
      RoutesConfig routes, Class<T> type, ExceptionHandler<? super T> handler) {
    routes.exception(type, safely(handler));
  }

  /**
   * {@code handler}, made safe to run for any exchange: a client that is gone gets nothing, and a
   * handler that fails anyway (the client left while it ran) is logged, never rethrown, because
   * Javalin would run the failure as a new task at the head of the queue, which fails the same way.
   */
  static <T extends Exception> ExceptionHandler<T> safely(ExceptionHandler<? super T> handler) {
    return (e, ctx) -> {
      if (!answerable(ctx)) {
        LOG.debug("client gone before {} could be answered", e.getClass().getSimpleName());
        return;
      }
      try {
        handler.handle(e, ctx);
      } catch (RuntimeException failed) {
        if (answerable(ctx)) {
          LOG.error("could not answer {}", e.getClass().getSimpleName(), failed);
        } else {
          LOG.debug("client left while {} was answered", e.getClass().getSimpleName());
        }
      }
    };
  }

  /**
   * True while the exchange can still be answered. Jetty recycles a request whose client went away
   * (idle timeout, minimum data rate) while an async handler was still working; touching it then
   * throws, and an exception handler that throws sends Javalin into a loop of handler failures (one
   * trickling client produced millions of log lines). For a client that is gone, nothing to answer
   * is the right answer.
   */
  public static boolean answerable(Context ctx) {
    try {
      ctx.req().getRequestURI();
      ctx.res().getStatus();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A refused webhook: 400 when the verified body is not an event, else 401. */
  public static ProblemException rejected(WebhookRejectedException e) {
    return e.reason() == WebhookRejectedException.Reason.MALFORMED_BODY
        ? ProblemException.badRequest(e.getMessage())
        : new ProblemException(401, "unauthorized", e.getMessage());
  }

  /** Nothing was committed: the sender retries (Terra does on any 5xx), never a 500. */
  public static ProblemException storeUnavailable(StoreUnavailableException e) {
    return new ProblemException(
        503,
        "service unavailable",
        e.getMessage() + "; nothing was stored, try again",
        STORE_RETRY_AFTER_SECONDS);
  }

  static ProblemException upstream(TerraApiException e) {
    LOG.warn("Terra answered {}: {}", e.status(), e.getMessage());
    if (e.status() == 429 || e.status() == 503) {
      return new ProblemException(
          503,
          "service unavailable",
          "Terra is busy (" + e.status() + "); try again later",
          UPSTREAM_RETRY_AFTER_SECONDS);
    }
    if (e instanceof TerraBadRequestException) {
      // Terra refused what the app asked for (e.g. an unknown provider): the app's mistake, so a
      // 400 with Terra's words (quoted, redacted and shortened by core), not a gateway failure.
      String message = e.getMessage();
      int hint = message.lastIndexOf("; ");
      return ProblemException.badRequest(
          "Terra rejected the request: " + (hint > 0 ? message.substring(0, hint) : message));
    }
    String detail =
        e.status() == 401 || e.status() == 403
            ? "Terra refused this gateway's credentials (" + e.status() + ")"
            : "Terra answered " + e.status();
    return new ProblemException(502, "bad gateway", detail, UPSTREAM_RETRY_AFTER_SECONDS);
  }

  public static void write(Context ctx, ProblemException problem) {
    if (!answerable(ctx)) {
      return;
    }
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("instance", ctx.path());
    String requestId = MDC.get(RequestIds.MDC_KEY);
    if (requestId != null) {
      more.put("request_id", requestId);
    }
    if (problem.retryAfterSeconds() != null) {
      ctx.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    ctx.status(problem.status())
        .contentType("application/problem+json")
        .result(document(problem, more));
  }

  /**
   * The {@code application/problem+json} document of a problem: type, title, status and detail,
   * then {@code more}; empty if it cannot be written. Also what Jetty's own error answers use.
   */
  static String document(ProblemException problem, Map<String, Object> more) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.getMessage());
    body.putAll(more);
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "";
    }
  }
}
