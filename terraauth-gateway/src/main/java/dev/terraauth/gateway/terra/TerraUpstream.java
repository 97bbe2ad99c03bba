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

  /** Every user Terra knows for this dev-id. */
  List<RemoteUser> subscriptions();

  /** One user; empty when Terra does not know it (404). */
  Optional<RemoteUser> userInfo(String terraUserId);

  /** A Terra user. Nullable: provider, referenceId, scopes, authenticated. */
  record RemoteUser(
      String userId, String provider, String referenceId, String scopes, Boolean authenticated) {}
}
