package dev.terraauth.example;

import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.user.TerraUser;
import dev.terraauth.spring.TerraWebhookListener;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Stores every verified {@code auth} and {@code deauth} event the starter dispatches. */
@Component
class ConnectionListeners {
  private final ConnectionLog log;

  ConnectionListeners(ConnectionLog log) {
    this.log = log;
  }

  @TerraWebhookListener
  void connected(AuthSuccessEvent event) {
    store("auth", event.user());
  }

  @TerraWebhookListener
  void disconnected(DeauthEvent event) {
    store("deauth", event.user());
  }

  private void store(String type, TerraUser user) {
    log.add(
        new ConnectionLog.Entry(
            type, user.userId(), user.provider(), user.referenceId(), Instant.now()));
  }
}
