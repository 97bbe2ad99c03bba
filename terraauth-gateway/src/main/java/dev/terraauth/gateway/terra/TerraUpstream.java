package dev.terraauth.gateway.terra;

import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import java.util.List;
import java.util.Optional;

/**
 * The Terra calls the gateway makes, in core's records ({@link WidgetSessionRequest}, {@link
 * WidgetSession}, {@link MobileToken}) plus one merged view of a user. Implemented over core's
 * {@code TerraAuthClient}; failures are core's {@code TerraApiException} / {@code
 * TerraTransportException}.
 */
public interface TerraUpstream {

  WidgetSession createWidgetSession(WidgetSessionRequest request);

  /** The token is a {@code Secret}: it is handed to the app once and never stored or logged. */
  MobileToken createMobileToken();

  void deauthenticate(String terraUserId);

  /** A single-use producer token for the streaming socket, scoped to one Terra user. */
  StreamingToken createStreamingToken(String terraUserId);

  /** Every user Terra knows for this dev-id. */
  List<RemoteUser> subscriptions();

  /**
   * One zero-based page of {@link #subscriptions()}; {@code next} is null after the last page. The
   * default serves everything as page 0, for upstreams that do not page.
   */
  default SubscriptionPage subscriptions(int page, int perPage) {
    return new SubscriptionPage(page == 0 ? subscriptions() : List.of(), null);
  }

  /** Nullable: next (no further page). */
  record SubscriptionPage(List<RemoteUser> users, Integer next) {
    public SubscriptionPage {
      users = List.copyOf(users);
    }
  }

  /** One user; empty when Terra does not know it (404). */
  Optional<RemoteUser> userInfo(String terraUserId);

  /** The token is a {@code Secret}; {@code socketUrl} is where it is presented (IDENTIFY). */
  record StreamingToken(dev.terraauth.core.config.Secret token, java.net.URI socketUrl) {}

  /** A Terra user. Nullable: provider, referenceId, scopes, authenticated. */
  record RemoteUser(
      String userId, String provider, String referenceId, String scopes, Boolean authenticated) {}
}
