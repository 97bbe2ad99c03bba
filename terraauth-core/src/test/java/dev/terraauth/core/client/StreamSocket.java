package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A streaming socket seen from outside: the independent Java-WebSocket client library, frames
 * queued as they arrive, the close code kept. Waits are bounded so a broken server fails the test
 * instead of hanging it.
 */
final class StreamSocket extends WebSocketClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private StreamSocket(URI url) {
    super(url);
  }

  /** Connects and returns once HELLO arrived. */
  static StreamSocket open(URI url) throws InterruptedException {
    StreamSocket socket = new StreamSocket(url);
    if (!socket.connectBlocking(10, TimeUnit.SECONDS)) {
      throw new AssertionError("could not connect to " + url);
    }
    return socket;
  }

  /**
   * Connects without requiring the socket to stay open: for servers that close it at once (the
   * close may race the handshake, so {@code connectBlocking} alone cannot tell).
   */
  static StreamSocket attempt(URI url) throws InterruptedException {
    StreamSocket socket = new StreamSocket(url);
    socket.connectBlocking(10, TimeUnit.SECONDS);
    return socket;
  }

  /** Sends a JSON text frame. */
  void sendJson(String json) {
    send(json);
  }

  void identify(int type, String token) {
    send("{\"op\":3,\"d\":{\"type\":" + type + ",\"token\":" + quote(token) + "}}");
  }

  /** The next frame, or an AssertionError after 10 s. */
  JsonNode next() throws InterruptedException {
    JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame within 10 s (closed: " + closed.getNow(null) + ")");
    }
    return frame;
  }

  /** The next frame, or null once the server closed the socket without one; 10 s at most. */
  JsonNode nextUnlessClosed() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() - deadline < 0) {
      JsonNode frame = frames.poll(20, TimeUnit.MILLISECONDS);
      if (frame != null) {
        return frame;
      }
      if (closed.isDone() && frames.isEmpty()) {
        return null;
      }
    }
    throw new AssertionError("neither a frame nor a close within 10 s");
  }

  /** The close code the server sent, waiting up to 10 s. */
  int closeCode() throws Exception {
    return closed.get(10, TimeUnit.SECONDS);
  }

  boolean isClosedYet() {
    return closed.isDone();
  }

  @Override
  public void onOpen(ServerHandshake handshake) {}

  @Override
  public void onMessage(String message) {
    try {
      frames.add(JSON.readTree(message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    closed.complete(code);
  }

  @Override
  public void onError(Exception error) {
    // Java-WebSocket always follows an error with onClose, which carries the code tests check
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
