package dev.terraauth.cli.trigger;

import dev.terraauth.core.webhook.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sends signed deliveries the way Terra does (headers per CONTRACT.md §4) and times them. */
public final class Delivery {
  /**
   * What to send: body, signer, how far back to date the signature, how often; {@code traceId} null
   * for a new one per delivery (a resend keeps the stored one, as Terra's retries do).
   */
  public record Plan(
      String event,
      URI to,
      byte[] body,
      WebhookSigner signer,
      Duration signatureAge,
      int repeat,
      boolean sameDelivery,
      String traceId) {}

  /** One request's outcome; status null when there was no answer (then error says why). */
  public record Result(
      String event, Integer status, Duration latency, String traceId, String error) {}

  private final Duration timeout;
  private final HttpClient http;

  public Delivery(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            // as Terra delivers: plain HTTP/1.1 (the JDK's HTTP/2 default adds an h2c Upgrade)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public List<Result> send(Plan plan) {
    List<Result> results = new ArrayList<>();
    HttpRequest request = null;
    for (int i = 0; i < plan.repeat(); i++) {
      if (request == null || !plan.sameDelivery()) {
        request = request(plan);
      }
      results.add(send(plan.event(), request));
    }
    return results;
  }

  private HttpRequest request(Plan plan) {
    Instant now = Instant.now();
    String signature = plan.signer().header(now.minus(plan.signatureAge()), plan.body());
    return HttpRequest.newBuilder(plan.to())
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("X-Terra-Signature", signature)
        .header("terra-signature", signature) // the deprecated name, still sent by Terra
        .header(
            "X-Terra-Trace-Id",
            plan.traceId() != null ? plan.traceId() : UUID.randomUUID().toString())
        .header("terra-reference", UUID.randomUUID().toString())
        .header("X-Terra-Ordering-Timestamp", Long.toString(now.toEpochMilli()))
        .header("User-Agent", "terra-auth-trigger")
        .POST(HttpRequest.BodyPublishers.ofByteArray(plan.body()))
        .build();
  }

  private Result send(String event, HttpRequest request) {
    String traceId = request.headers().firstValue("X-Terra-Trace-Id").orElse(null);
    long start = System.nanoTime();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Result(event, status, Duration.ofNanos(System.nanoTime() - start), traceId, null);
    } catch (HttpConnectTimeoutException e) {
      return failed(
          event, start, traceId, "could not connect within " + timeout.toMillis() + " ms");
    } catch (HttpTimeoutException e) {
      return failed(event, start, traceId, "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return failed(event, start, traceId, "connection failed (" + reason(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(event, start, traceId, "interrupted");
    }
  }

  private static String reason(IOException e) {
    return dev.terraauth.cli.NetworkFailures.reason(e);
  }

  private static Result failed(String event, long start, String traceId, String error) {
    return new Result(event, null, Duration.ofNanos(System.nanoTime() - start), traceId, error);
  }
}
