package dev.terraauth.emulator;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Applies the injected route faults before a REST handler runs. */
final class RouteGuard {
  /** Thrown after the connection was closed on purpose, so nothing else is written. */
  static final class DroppedConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("connection dropped by fault injection", null, false, false);
    }
  }

  private final FaultSwitch faults;
  private final Responses responses;

  RouteGuard(FaultSwitch faults, Responses responses) {
    this.faults = faults;
    this.responses = responses;
  }

  /** True when a fault answered (or dropped) the request and the handler must not run. */
  boolean intercept(Context ctx, String operation) {
    Optional<Faults.RouteFault> fired = faults.routeFault(operation);
    if (fired.isEmpty()) {
      return false;
    }
    Faults.RouteFault fault = fired.get();
    pause(fault.latency());
    switch (fault.kind()) {
      case LATENCY -> {
        return false;
      }
      case HTTP_503 -> responses.error(ctx, 503, "service temporarily unavailable");
      case HTTP_429 -> {
        ctx.header("Retry-After", Integer.toString(fault.retryAfterSeconds()));
        responses.error(ctx, 429, "rate limit exceeded");
      }
      case HTML_500 ->
          Responses.html(
              ctx,
              500,
              "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
                  + "<body><h1>Internal Server Error</h1></body></html>");
      case DROP_CONNECTION -> {
        ServletContextRequest.getServletContextRequest(ctx.req())
            .getConnectionMetaData()
            .getConnection()
            .getEndPoint()
            .close();
        throw new DroppedConnection();
      }
    }
    return true;
  }

  private static void pause(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
