package dev.terraauth.emulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What happens to users and which webhooks leave: connecting (with reconnect detection and the user
 * cap), failing, deauthenticating, and the provider-side events the admin API triggers.
 */
final class Lifecycle {
  /** The reason on a failure redirect and event when the environment is full. */
  static final String USER_LIMIT_REACHED = "user_limit_reached";

  private final EmulatorState state;
  private final WebhookDispatcher dispatcher;
  private final Events events;
  private final EmulatorClock clock;
  private final Quirks quirks;

  Lifecycle(
      EmulatorState state,
      WebhookDispatcher dispatcher,
      Events events,
      EmulatorClock clock,
      Quirks quirks) {
    this.state = state;
    this.dispatcher = dispatcher;
    this.events = events;
    this.clock = clock;
    this.quirks = quirks;
  }

  /**
   * Connects the flow's user: emits {@code user_reauth} for every replaced connection, then {@code
   * auth}. Empty when the user cap refused it (the failure event has then been sent).
   */
  Optional<EmulatedUser> approve(AuthFlow flow, String providerAccount) {
    EmulatorAccount account = state.account(flow.devId()).orElseThrow();
    Provider provider = Provider.find(flow.provider()).orElseThrow();
    Optional<EmulatorState.Connection> connection =
        state.connect(
            account, provider, providerAccount, flow.referenceId(), flow.userId(), clock.instant());
    if (connection.isEmpty()) {
      fail(flow, USER_LIMIT_REACHED);
      return Optional.empty();
    }
    announce(account, connection.get(), flow.flowId(), flow.widgetSessionId());
    return Optional.of(connection.get().user());
  }

  /** Sends the failure event of a denied or refused consent. */
  void fail(AuthFlow flow, String reason) {
    EmulatorAccount account = state.account(flow.devId()).orElseThrow();
    Provider provider = Provider.find(flow.provider()).orElseThrow();
    String failedUserId = flow.userId() == null ? UUID.randomUUID().toString() : flow.userId();
    Map<String, Object> payload = events.authFailure(flow, reason, failedUserId, provider);
    emit(account, (String) payload.get("type"), payload, Duration.ZERO);
  }

  /** Connects a mobile-SDK user, as the SDK does after redeeming a token. */
  Optional<EmulatedUser> connectSdk(
      EmulatorAccount account, Provider provider, String referenceId) {
    Optional<EmulatorState.Connection> connection =
        state.connect(
            account,
            provider,
            "sdk-device-" + UUID.randomUUID(),
            referenceId,
            null,
            clock.instant());
    connection.ifPresent(found -> announce(account, found, UUID.randomUUID().toString(), null));
    return connection.map(EmulatorState.Connection::user);
  }

  private void announce(
      EmulatorAccount account,
      EmulatorState.Connection connection,
      String flowId,
      String widgetSessionId) {
    for (EmulatedUser old : connection.replaced()) {
      emit(account, "user_reauth", events.reauth(connection.user(), old), Duration.ZERO);
    }
    emit(account, "auth", events.auth(connection.user(), flowId, widgetSessionId), Duration.ZERO);
  }

  /** Removes the user now; the {@code deauth} webhook follows after the configured delay. */
  Optional<EmulatedUser> deauthenticate(EmulatorAccount account, String userId) {
    Optional<EmulatedUser> removed = state.remove(account.devId(), userId);
    removed.ifPresent(user -> emit(account, "deauth", events.deauth(user), quirks.deauthDelay()));
    return removed;
  }

  Optional<WebhookDelivery> accessRevoked(String userId) {
    return state
        .update(userId, user -> user.withActive(false).withLastWebhookUpdate(clock.instant()))
        .map(user -> emitFor(user, "access_revoked", events.accessRevoked(user)));
  }

  Optional<WebhookDelivery> connectionError(String userId) {
    return state
        .update(userId, user -> user.withLastWebhookUpdate(clock.instant()))
        .map(user -> emitFor(user, "connection_error", events.connectionError(user)));
  }

  Optional<WebhookDelivery> permissionChange(String userId, String added, String removed) {
    return state
        .update(
            userId,
            user ->
                user.withScopes(changeScopes(user.scopes(), added, removed))
                    .withLastWebhookUpdate(clock.instant()))
        .map(
            user ->
                emitFor(
                    user,
                    "permission_change",
                    events.permissionChange(user, nullToEmpty(added), nullToEmpty(removed))));
  }

  private WebhookDelivery emitFor(EmulatedUser user, String type, Map<String, Object> payload) {
    return emit(state.account(user.devId()).orElseThrow(), type, payload, Duration.ZERO);
  }

  private WebhookDelivery emit(
      EmulatorAccount account, String type, Map<String, Object> payload, Duration delay) {
    return dispatcher.emit(account, type, payload, UUID.randomUUID().toString(), delay);
  }

  static String changeScopes(String scopes, String added, String removed) {
    Set<String> result = new LinkedHashSet<>(split(scopes));
    result.addAll(split(added));
    result.removeAll(split(removed));
    return String.join(",", result);
  }

  private static Set<String> split(String scopes) {
    if (scopes == null) {
      return Set.of();
    }
    return Arrays.stream(scopes.split(","))
        .map(String::strip)
        .filter(scope -> !scope.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
