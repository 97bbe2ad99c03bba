package dev.terraauth.gateway.terra;

import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.gateway.GatewayMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Counts and times every call to Terra by operation and status. */
public final class MeteredTerraUpstream implements TerraUpstream {
  private final TerraUpstream delegate;
  private final GatewayMetrics metrics;
  private final Clock clock;

  public MeteredTerraUpstream(TerraUpstream delegate, GatewayMetrics metrics, Clock clock) {
    this.delegate = delegate;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public WidgetSession createWidgetSession(WidgetSessionRequest request) {
    return call("widget_session", () -> delegate.createWidgetSession(request));
  }

  @Override
  public MobileToken createMobileToken() {
    return call("auth_token", delegate::createMobileToken);
  }

  @Override
  public StreamingToken createStreamingToken(String terraUserId) {
    return call("streaming_user_token", () -> delegate.createStreamingToken(terraUserId));
  }

  @Override
  public void deauthenticate(String terraUserId) {
    call(
        "deauthenticate_user",
        () -> {
          delegate.deauthenticate(terraUserId);
          return null;
        });
  }

  @Override
  public List<RemoteUser> subscriptions() {
    return call("subscriptions", delegate::subscriptions);
  }

  @Override
  public SubscriptionPage subscriptions(int page, int perPage) {
    return call("subscriptions", () -> delegate.subscriptions(page, perPage));
  }

  @Override
  public Optional<RemoteUser> userInfo(String terraUserId) {
    return call("user_info", () -> delegate.userInfo(terraUserId));
  }

  private <T> T call(String operation, Supplier<T> body) {
    Instant start = clock.instant();
    String status = "200";
    try {
      return body.get();
    } catch (TerraApiException e) {
      status = Integer.toString(e.status());
      throw e;
    } catch (RuntimeException e) {
      status = "transport_error";
      throw e;
    } finally {
      metrics.upstreamCall(operation, status, Duration.between(start, clock.instant()));
    }
  }
}
