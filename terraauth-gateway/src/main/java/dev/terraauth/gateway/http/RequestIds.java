package dev.terraauth.gateway.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Gives every request an id (the caller's X-Request-Id when sane), in the MDC and the response. */
public final class RequestIds {
  public static final String MDC_KEY = "request_id";
  public static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  public static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    MDC.put(MDC_KEY, id);
    ctx.header(HEADER, id);
  }
}
