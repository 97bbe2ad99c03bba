package dev.terraauth.gateway.terra;

import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.TerraStreamingClient;
import dev.terraauth.core.client.UserInfo;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.core.user.TerraUser;
import java.util.List;
import java.util.Optional;

/** {@link TerraUpstream} over core's {@link TerraAuthClient} and {@link TerraStreamingClient}. */
public final class CoreTerraUpstream implements TerraUpstream {
  private final TerraAuthClient client;
  private final TerraStreamingClient streaming;

  /** Without streaming: {@link #createStreamingToken} fails with an IllegalStateException. */
  public CoreTerraUpstream(TerraAuthClient client) {
    this(client, null);
  }

  public CoreTerraUpstream(TerraAuthClient client, TerraStreamingClient streaming) {
    this.client = client;
    this.streaming = streaming;
  }

  @Override
  public StreamingToken createStreamingToken(String terraUserId) {
    if (streaming == null) {
      throw new IllegalStateException("this gateway was built without a streaming client");
    }
    return new StreamingToken(streaming.producerToken(terraUserId), streaming.socketUrl());
  }

  @Override
  public WidgetSession createWidgetSession(WidgetSessionRequest request) {
    return client.widgetSession(request);
  }

  @Override
  public MobileToken createMobileToken() {
    return client.generateAuthToken();
  }

  @Override
  public void deauthenticate(String terraUserId) {
    try {
      client.deauthenticateUser(terraUserId);
    } catch (TerraNotFoundException e) {
      // already gone at Terra: the outcome the caller wanted
    }
  }

  @Override
  public List<RemoteUser> subscriptions() {
    return client.subscriptions().stream().map(user -> remote(user, user.active())).toList();
  }

  @Override
  public SubscriptionPage subscriptions(int page, int perPage) {
    dev.terraauth.core.client.UserPage result = client.subscriptions(page, perPage);
    return new SubscriptionPage(
        result.users().stream().map(user -> remote(user, user.active())).toList(),
        result.nextPage());
  }

  @Override
  public Optional<RemoteUser> userInfo(String terraUserId) {
    try {
      UserInfo info = client.userInfo(terraUserId);
      return Optional.of(remote(info.user(), info.authenticated()));
    } catch (TerraNotFoundException e) {
      return Optional.empty();
    }
  }

  private static RemoteUser remote(TerraUser user, Boolean authenticated) {
    return new RemoteUser(
        user.userId(), user.provider(), user.referenceId(), user.scopes(), authenticated);
  }
}
