package dev.terraauth.cli.serve;

import dev.terraauth.emulator.TerraEmulator;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.store.Database;
import java.net.URI;

/** A started gateway (and, in {@code local}, its emulator); {@link #close} stops everything. */
public final class RunningGateway implements AutoCloseable {
  private final GatewayApp gateway;
  private final Database database;
  private final TerraEmulator emulator;
  private final URI url;
  private boolean closed;

  RunningGateway(GatewayApp gateway, Database database, TerraEmulator emulator, URI url) {
    this.gateway = gateway;
    this.database = database;
    this.emulator = emulator;
    this.url = url;
  }

  /** Where the gateway listens. */
  public URI url() {
    return url;
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
    gateway.stop();
    if (emulator != null) {
      emulator.close();
    }
    database.close();
  }
}
