package dev.terraauth.gateway.webhook;

import dev.terraauth.gateway.http.ProblemException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one request body with servlet non-blocking I/O: a client that trickles its body holds no
 * thread while it does, only a buffer counted against {@link InFlightBodies}. The request must be
 * in async mode. The future fails with a {@link ProblemException} (413, 503) when a bound is hit.
 */
final class BodyReader implements ReadListener {
  private static final int CHUNK = 8192;

  private final ServletInputStream input;
  private final long maxBytes;
  private final InFlightBodies budget;
  private final ByteArrayOutputStream body;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final byte[] chunk = new byte[CHUNK];
  private long reserved;

  private BodyReader(ServletInputStream input, long maxBytes, InFlightBodies budget, int expected) {
    this.input = input;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.body = new ByteArrayOutputStream(Math.max(expected, 256));
  }

  /** Starts reading; the future completes with the whole body. */
  static BodyReader start(HttpServletRequest request, long maxBytes, InFlightBodies budget)
      throws IOException {
    long declared = request.getContentLengthLong();
    BodyReader reader =
        new BodyReader(
            request.getInputStream(), maxBytes, budget, (int) Math.min(declared, maxBytes));
    if (declared > maxBytes) {
      reader.fail(tooLarge(maxBytes));
    } else {
      reader.input.setReadListener(reader);
    }
    return reader;
  }

  CompletableFuture<byte[]> body() {
    return result;
  }

  /** Bytes reserved against the budget, to give back once the request is done. */
  synchronized long reserved() {
    return reserved;
  }

  @Override
  public synchronized void onDataAvailable() throws IOException {
    while (!result.isDone() && input.isReady()) {
      int read = input.read(chunk);
      if (read < 0) {
        return; // onAllDataRead follows
      }
      if (body.size() + (long) read > maxBytes) {
        fail(tooLarge(maxBytes));
        return;
      }
      if (!budget.tryReserve(read)) {
        fail(
            new ProblemException(
                503,
                "service unavailable",
                "too many webhook bodies are being received at once; try again",
                1L));
        return;
      }
      reserved += read;
      body.write(chunk, 0, read);
    }
  }

  @Override
  public synchronized void onAllDataRead() {
    result.complete(body.toByteArray());
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  private void fail(ProblemException problem) {
    result.completeExceptionally(problem);
  }

  private static ProblemException tooLarge(long maxBytes) {
    return new ProblemException(
        413, "content too large", "the webhook body is larger than " + maxBytes + " bytes");
  }
}
