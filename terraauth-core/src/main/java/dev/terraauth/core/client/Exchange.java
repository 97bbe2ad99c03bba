package dev.terraauth.core.client;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.error.TerraTimeoutException;
import dev.terraauth.core.error.TerraTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP attempt, bounded in total (headers and body) by a timeout, with every failure turned
 * into a {@link TerraTransportException} that says whether Terra may have seen the request. Not
 * API.
 */
final class Exchange {
  private final Environment environment;

  Exchange(Environment environment) {
    this.environment = environment;
  }

  HttpResponse<byte[]> send(
      HttpClient http, HttpRequest request, TerraHttp.Call call, Duration timeout) {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TerraTimeoutException(
          prefix(call) + "no answer within " + timeout.toMillis() + " ms; " + fix(call), true, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TerraTransportException(prefix(call) + "interrupted", true, e);
    } catch (ExecutionException e) {
      throw translate(call, e.getCause() == null ? e : e.getCause(), timeout);
    }
  }

  private TerraTransportException translate(
      TerraHttp.Call call, Throwable cause, Duration timeout) {
    if (has(cause, HttpConnectTimeoutException.class)) {
      return new TerraTimeoutException(
          prefix(call) + "could not connect to " + origin(call.uri()) + " in time; " + fix(call),
          false,
          cause);
    }
    if (has(cause, HttpTimeoutException.class)) {
      return new TerraTimeoutException(
          prefix(call) + "no answer within " + timeout.toMillis() + " ms; " + fix(call),
          true,
          cause);
    }
    if (has(cause, ConnectException.class) || has(cause, UnresolvedAddressException.class)) {
      return new TerraTransportException(
          prefix(call)
              + "could not connect to "
              + origin(call.uri())
              + " ("
              + reason(cause)
              + "); "
              + fix(call),
          false,
          cause);
    }
    String kind = cause instanceof IOException ? "connection failed" : "request failed";
    return new TerraTransportException(
        prefix(call) + kind + " (" + reason(cause) + "); " + fix(call), true, cause);
  }

  TerraTimeoutException deadlineExceeded(TerraHttp.Call call, Duration callTimeout) {
    return new TerraTimeoutException(
        prefix(call) + "gave up after the call deadline of " + callTimeout.toMillis() + " ms",
        true,
        null);
  }

  /** Why a connection failed, in words (users should never see a Java class name). */
  private static String reason(Throwable cause) {
    if (has(cause, UnresolvedAddressException.class)
        || has(cause, java.net.UnknownHostException.class)) {
      return "host not found";
    }
    if (has(cause, ConnectException.class)) {
      return "connection refused";
    }
    if (has(cause, javax.net.ssl.SSLException.class)) {
      return "TLS handshake failed";
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().length() > 120 ? t.getMessage().substring(0, 120) : t.getMessage();
      }
    }
    return cause instanceof IOException ? "I/O error" : "unexpected failure";
  }

  private String prefix(TerraHttp.Call call) {
    return call.operation() + " (" + environment.id() + "): ";
  }

  private static String fix(TerraHttp.Call call) {
    return "check the network and that " + origin(call.uri()) + " is the right API URL";
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static boolean has(Throwable throwable, Class<? extends Throwable> type) {
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
