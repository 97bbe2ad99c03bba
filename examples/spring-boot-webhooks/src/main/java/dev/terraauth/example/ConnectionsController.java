package dev.terraauth.example;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /connect?user=ID} sends a user to Terra's widget; {@code GET /connections} lists. */
@RestController
class ConnectionsController {
  private final TerraAuthClient terra;
  private final ConnectionLog log;

  ConnectionsController(TerraAuthClient terra, ConnectionLog log) {
    this.terra = terra;
    this.log = log;
  }

  @GetMapping("/connect")
  ResponseEntity<Void> connect(@RequestParam("user") String user) {
    WidgetSession session = terra.widgetSession(WidgetSessionRequest.builder(user).build());
    return ResponseEntity.status(302).location(URI.create(session.url().toString())).build();
  }

  @GetMapping("/connections")
  List<ConnectionLog.Entry> connections() {
    return log.entries();
  }
}
