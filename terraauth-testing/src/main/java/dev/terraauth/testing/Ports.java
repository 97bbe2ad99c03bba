package dev.terraauth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for tests: one that was free a moment ago (for a child process, or nothing at all). */
public final class Ports {
  private Ports() {}

  /**
   * A port nothing listened on when this returned: for a server a test starts in another process,
   * or for a connection that must be refused. (A server in this process binds port 0 instead.)
   */
  public static int unused() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
