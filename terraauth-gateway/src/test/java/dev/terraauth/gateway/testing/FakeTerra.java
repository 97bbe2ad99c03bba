package dev.terraauth.gateway.testing;

import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.core.config.Secret;
import dev.terraauth.gateway.terra.TerraUpstream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A hand-written in-memory Terra for HTTP-layer tests that need no emulator. */
public final class FakeTerra implements TerraUpstream {
  private final Clock clock;
  public final List<WidgetSessionRequest> widgetRequests = new CopyOnWriteArrayList<>();
  public final List<String> deauthenticated = new CopyOnWriteArrayList<>();
  public final List<RemoteUser> users = new CopyOnWriteArrayList<>();
  public volatile RuntimeException failure;

  /** Mobile tokens Terra created: what a rate limit must bound. */
  public final AtomicInteger mobileTokens = new AtomicInteger();

  public FakeTerra(Clock clock) {
    this.clock = clock;
  }

  @Override
  public WidgetSession createWidgetSession(WidgetSessionRequest request) {
    failIfAsked();
    widgetRequests.add(request);
    String id = UUID.randomUUID().toString();
    return new WidgetSession(
        id, URI.create("https://widget.example/session/" + id), clock.instant().plusSeconds(900));
  }

  @Override
  public MobileToken createMobileToken() {
    failIfAsked();
    mobileTokens.incrementAndGet();
    return new MobileToken(
        Secret.of(UUID.randomUUID().toString().replace("-", "")), clock.instant().plusSeconds(180));
  }

  @Override
  public StreamingToken createStreamingToken(String terraUserId) {
    failIfAsked();
    return new StreamingToken(
        Secret.of(UUID.randomUUID().toString().replace("-", "")),
        URI.create("wss://streaming.example/connect"));
  }

  @Override
  public void deauthenticate(String terraUserId) {
    failIfAsked();
    deauthenticated.add(terraUserId);
  }

  @Override
  public List<RemoteUser> subscriptions() {
    failIfAsked();
    return new ArrayList<>(users);
  }

  @Override
  public Optional<RemoteUser> userInfo(String terraUserId) {
    failIfAsked();
    return users.stream().filter(user -> user.userId().equals(terraUserId)).findFirst();
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }
}
