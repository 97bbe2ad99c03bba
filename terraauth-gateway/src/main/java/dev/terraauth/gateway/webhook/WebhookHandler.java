package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.GatewayMetrics;
import dev.terraauth.gateway.IntakeSettings;
import dev.terraauth.gateway.http.ErrorMapper;
import dev.terraauth.gateway.http.ProblemException;
import dev.terraauth.gateway.store.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/terra}: no app login, the signature is the authentication. The body is read
 * without holding a thread and within a deadline; verification and parsing run when it is complete;
 * 200 only after the delivery's batch committed; duplicates and unknown types 200 too; refusals 401
 * with nothing stored; a failed commit 503 with Retry-After.
 */
public final class WebhookHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final WebhookReceiver receiver;
  private final InFlightBodies bodies;
  private final IntakeSettings settings;
  private final GatewayMetrics metrics;
  private final Executor responses;

  /**
   * @param responses where answers are written (the HTTP thread pool), so that the writer thread
   *     only commits
   */
  public WebhookHandler(
      WebhookReceiver receiver,
      IntakeSettings settings,
      GatewayMetrics metrics,
      Executor responses) {
    this.receiver = receiver;
    this.settings = settings;
    this.metrics = metrics;
    this.responses = responses;
    this.bodies = new InFlightBodies(settings.maxInFlightBodies(), settings.maxInFlightBodyBytes());
    metrics.inFlightBodies(bodies::bodies);
  }

  @Override
  public void handle(Context ctx) {
    if (!bodies.tryStart()) {
      metrics.intakeRefused("in_flight_limit");
      ctx.header("Connection", "close");
      throw new ProblemException(
          503,
          "service unavailable",
          "too many webhook bodies are being received at once; try again",
          1L);
    }
    ctx.future(() -> receive(ctx));
  }

  private CompletableFuture<Void> receive(Context ctx) {
    BodyReader reader;
    try {
      reader = BodyReader.start(ctx.req(), settings.maxBodyBytes(), bodies);
    } catch (IOException | RuntimeException e) {
      bodies.finish(0);
      return CompletableFuture.failedFuture(e).handle((none, failure) -> answer(ctx, failure));
    }
    return reader
        .body()
        .orTimeout(settings.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(body -> receiver.receive(body, ctx::header))
        .handleAsync(
            (receipt, failure) -> {
              bodies.finish(reader.reserved());
              if (!ErrorMapper.answerable(ctx)) {
                // stored or not, the client left (its connection timed out): nobody to answer,
                // and Terra retries what it did not see acked
                metrics.intakeRefused("client_gone");
                return null;
              }
              if (failure != null) {
                return answer(ctx, failure);
              }
              ctx.status(200)
                  .json(
                      Map.of(
                          "status", receipt.duplicate() ? "duplicate" : "stored",
                          "outcome",
                              receipt.duplicate() ? "unchanged" : receipt.outcome().label()));
              return null;
            },
            responses);
  }

  private Void answer(Context ctx, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    ProblemException problem;
    if (cause instanceof ProblemException given) {
      problem = given;
      metrics.intakeRefused(Integer.toString(given.status()));
    } else if (cause instanceof TimeoutException) {
      metrics.intakeRefused("body_timeout");
      problem =
          new ProblemException(
              408,
              "request timeout",
              "the webhook body did not arrive within "
                  + settings.bodyTimeout().toSeconds()
                  + " s");
    } else if (cause instanceof WebhookRejectedException rejected) {
      problem = ErrorMapper.rejected(rejected);
    } else if (cause instanceof StoreUnavailableException unavailable) {
      problem = ErrorMapper.storeUnavailable(unavailable);
    } else if (cause instanceof IOException) {
      // the client went away mid-body: nothing to answer, nothing stored
      metrics.intakeRefused("client_gone");
      return null;
    } else {
      LOG.error("unexpected failure receiving a webhook", cause);
      problem = new ProblemException(500, "internal server error", "unexpected failure");
    }
    if (problem.status() == 408 || problem.status() == 413 || problem.status() == 503) {
      ctx.header("Connection", "close");
    }
    ErrorMapper.write(ctx, problem);
    return null;
  }
}
