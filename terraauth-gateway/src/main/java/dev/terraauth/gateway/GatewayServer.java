package dev.terraauth.gateway;

import dev.terraauth.core.error.ConfigException;
import dev.terraauth.gateway.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.Supplier;

/** A gateway listening on a port over its database; {@link #close} stops both. */
public final class GatewayServer implements AutoCloseable {
  private final GatewayApp gateway;
  private final Database database;
  private final URI url;
  private boolean closed;

  private GatewayServer(GatewayApp gateway, Database database, URI url) {
    this.gateway = gateway;
    this.database = database;
    this.url = url;
  }

  /**
   * Builds the gateway from {@code parts} and listens on {@code host:port}; closes the database
   * when that fails.
   *
   * @throws ConfigException when the port cannot be bound
   */
  public static GatewayServer start(
      GatewayConfig config,
      Supplier<GatewayApp.Parts> parts,
      Database database,
      String host,
      int port) {
    try {
      GatewayApp gateway = GatewayApp.create(config, parts.get());
      try {
        gateway.start(host, port);
      } catch (RuntimeException e) {
        throw new ConfigException(StartFailures.bind(host, port, e), e);
      }
      return new GatewayServer(
          gateway, database, URI.create("http://" + displayHost(host) + ":" + port));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Where the gateway listens. */
  public URI url() {
    return url;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    gateway.stop();
    database.close();
  }

  /** The address to show for {@code host}: a wildcard bind is reachable on the loopback. */
  static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  /** A port nobody listens on right now ({@code --port 0}). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
