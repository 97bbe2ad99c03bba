package dev.terraauth.cli.serve;

import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.GatewayServer;
import java.net.URI;

/** A started gateway (and, in {@code local}, its emulator); {@link #close} stops everything. */
public final class RunningGateway implements AutoCloseable {
  private final GatewayServer server;
  private final TerraEmulator emulator;
  private boolean closed;

  RunningGateway(GatewayServer server, TerraEmulator emulator) {
    this.server = server;
    this.emulator = emulator;
  }

  /** Where the gateway listens. */
  public URI url() {
    return server.url();
  }

  /** The in-process emulator, or null outside {@code local}. */
  public TerraEmulator emulator() {
    return emulator;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    if (emulator != null) {
      emulator.close();
    }
  }
}
