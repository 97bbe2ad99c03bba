package dev.terraauth.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Controls a running emulator from Java, the same operations as the HTTP admin API under {@code
 * /_emulator}: inspect users and deliveries, move the clock, trigger provider-side events, redeem
 * mobile tokens as the SDK would, and change faults. Thread-safe.
 */
public final class EmulatorAdmin {
  private final EmulatorState state;
  private final Lifecycle lifecycle;
  private final WebhookDispatcher dispatcher;
  private final EmulatorClock clock;
  private final FaultSwitch faults;

  EmulatorAdmin(
      EmulatorState state,
      Lifecycle lifecycle,
      WebhookDispatcher dispatcher,
      EmulatorClock clock,
      FaultSwitch faults) {
    this.state = state;
    this.lifecycle = lifecycle;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.faults = faults;
  }

  /** {@return every connected user of every account, oldest first} */
  public List<EmulatedUser> users() {
    return state.users(null);
  }

  /**
   * {@return the connected users of one account, oldest first}
   *
   * @param devId the account
   */
  public List<EmulatedUser> users(String devId) {
    return state.users(devId);
  }

  /**
   * Points an account's webhooks at {@code url} (null: none), e.g. a receiver started after the
   * emulator; later deliveries and pending retries go there.
   *
   * @param devId the account
   * @param url where signed webhooks go, or null for none
   * @return false when no account has this dev-id
   */
  public boolean setWebhookUrl(String devId, java.net.URI url) {
    return state.changeWebhookUrl(devId, url).isPresent();
  }

  /** {@return every webhook emitted so far, in emission order} */
  public List<WebhookDelivery> deliveries() {
    return dispatcher.deliveries();
  }

  /** Sends the deliveries the out-of-order fault is holding back. */
  public void flushDeliveries() {
    dispatcher.flush();
  }

  /** {@return the emulator's current time} */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the emulator clock forward (expires sessions, links and tokens).
   *
   * @param amount how far, not negative
   */
  public void advanceClock(Duration amount) {
    clock.advance(amount);
  }

  /**
   * The user revoked access at the provider: marks it inactive and sends {@code access_revoked}.
   *
   * @param userId Terra's user id of the connection
   * @return the webhook sent, or empty when the emulator has no such user
   */
  public Optional<WebhookDelivery> revokeAccess(String userId) {
    return lifecycle.accessRevoked(userId);
  }

  /**
   * The provider rejected Terra's token: sends {@code connection_error}.
   *
   * @param userId Terra's user id of the connection
   * @return the webhook sent, or empty when the emulator has no such user
   */
  public Optional<WebhookDelivery> connectionError(String userId) {
    return lifecycle.connectionError(userId);
  }

  /**
   * The user changed the granted scopes: updates them and sends {@code permission_change}.
   *
   * @param userId Terra's user id of the connection
   * @param added comma-separated scopes added (may be empty)
   * @param removed comma-separated scopes removed (may be empty)
   * @return the webhook sent, or empty when the emulator has no such user
   */
  public Optional<WebhookDelivery> changePermissions(String userId, String added, String removed) {
    return lifecycle.permissionChange(userId, added, removed);
  }

  /**
   * Redeems a mobile SDK token as {@code initConnection} would: single use, before expiry, by the
   * dev-id that minted it; connects (or reconnects) the user and sends the webhooks.
   *
   * @param devId the dev-id redeeming the token
   * @param token the token from {@code generateAuthToken}
   * @param referenceId the app's id of the end user
   * @param provider the SDK provider, e.g. {@code APPLE}
   * @return what happened: {@link TokenRedemption.Outcome#OK} or why it was refused
   */
  public TokenRedemption redeemMobileToken(
      String devId, String token, String referenceId, String provider) {
    Optional<EmulatorAccount> account = state.account(devId);
    if (account.isEmpty()) {
      return new TokenRedemption(TokenRedemption.Outcome.UNKNOWN_DEV_ID, null);
    }
    Optional<Provider> sdkProvider =
        Provider.find(provider == null ? "APPLE" : provider)
            .filter(Provider::sdk)
            .filter(found -> account.get().enables(found.id()));
    if (sdkProvider.isEmpty()) {
      return new TokenRedemption(TokenRedemption.Outcome.PROVIDER_NOT_AVAILABLE, null);
    }
    TokenRedemption.Outcome outcome =
        switch (state.redeem(token, devId, clock.instant())) {
          case OK -> TokenRedemption.Outcome.OK;
          case UNKNOWN -> TokenRedemption.Outcome.UNKNOWN_TOKEN;
          case ALREADY_USED -> TokenRedemption.Outcome.TOKEN_ALREADY_USED;
          case EXPIRED -> TokenRedemption.Outcome.TOKEN_EXPIRED;
          case OTHER_DEV_ID -> TokenRedemption.Outcome.TOKEN_FROM_OTHER_DEV_ID;
        };
    if (outcome != TokenRedemption.Outcome.OK) {
      return new TokenRedemption(outcome, null);
    }
    return lifecycle
        .connectSdk(account.get(), sdkProvider.get(), referenceId)
        .map(user -> new TokenRedemption(TokenRedemption.Outcome.OK, user))
        .orElseGet(() -> new TokenRedemption(TokenRedemption.Outcome.USER_LIMIT_REACHED, null));
  }

  /** {@return the faults in force} */
  public Faults faults() {
    return faults.get();
  }

  /**
   * Replaces the faults in force (and reseeds their random generator). Deliveries held back by the
   * out-of-order fault are sent when it is switched off.
   *
   * @param value the new faults
   */
  public void setFaults(Faults value) {
    faults.set(value);
    if (!value.webhooks().outOfOrder()) {
      dispatcher.flush();
    }
  }

  /** Removes every fault (and sends any held-back deliveries). */
  public void clearFaults() {
    setFaults(Faults.none());
  }
}
