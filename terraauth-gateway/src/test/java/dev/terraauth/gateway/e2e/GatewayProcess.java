package dev.terraauth.gateway.e2e;

import dev.terraauth.gateway.store.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The gateway as a separate JVM, for the crash test: {@code <sqlite file | jdbc url> <port>
 * <emulator api base> <emulator widget session url>}. Runs until killed.
 */
public final class GatewayProcess {
  private GatewayProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Database database =
        args[0].startsWith("jdbc:") ? Database.open(args[0]) : Database.sqlite(Path.of(args[0]));
    Stack.startGateway(
        database,
        URI.create(args[2]),
        URI.create(args[3]),
        Integer.parseInt(args[1]),
        Clock.systemUTC());
    System.out.println("gateway ready");
    Thread.currentThread().join();
  }
}
