package dev.terraauth.spring.app;

import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.spring.TerraWebhookListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

// README: spring
@Component
class Connections {
  final Map<String, String> users = new ConcurrentHashMap<>(); // your database

  @TerraWebhookListener // only auth successes arrive here
  void connected(AuthSuccessEvent event) {
    users.put(event.user().userId(), event.user().referenceId());
  }

  @TerraWebhookListener(types = {"deauth", "access_revoked"})
  void gone(WebhookEvent event) {
    event.userId().ifPresent(users::remove);
  }
}
// README end
