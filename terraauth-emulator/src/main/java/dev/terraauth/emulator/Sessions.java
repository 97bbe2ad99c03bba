package dev.terraauth.emulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Starts widget sessions and consent flows, stamping their expiry from the emulator clock. */
final class Sessions {
  private final EmulatorState state;
  private final EmulatorClock clock;
  private final Quirks quirks;

  Sessions(EmulatorState state, EmulatorClock clock, Quirks quirks) {
    this.state = state;
    this.clock = clock;
    this.quirks = quirks;
  }

  WidgetSession startWidget(
      EmulatorAccount account, List<String> providers, Map<String, String> params) {
    WidgetSession session =
        new WidgetSession(
            UUID.randomUUID().toString(),
            account.devId(),
            List.copyOf(providers),
            emptyToNull(params.get("reference_id")),
            emptyToNull(params.get("auth_success_redirect_url")),
            emptyToNull(params.get("auth_failure_redirect_url")),
            params.getOrDefault("language", "en"),
            clock.instant().plus(quirks.widgetSessionTtl()));
    state.put(session);
    return session;
  }

  AuthFlow startAuthenticateUser(
      EmulatorAccount account, Provider provider, Map<String, String> params) {
    AuthFlow flow =
        new AuthFlow(
            UUID.randomUUID().toString(),
            account.devId(),
            provider.id(),
            emptyToNull(params.get("reference_id")),
            emptyToNull(params.get("auth_success_redirect_url")),
            emptyToNull(params.get("auth_failure_redirect_url")),
            UUID.randomUUID().toString(),
            null,
            clock.instant().plus(quirks.authUrlTtl()));
    state.put(flow);
    return flow;
  }

  /** A consent flow for a provider chosen on a widget page; it expires with the session. */
  AuthFlow startFromWidget(WidgetSession session, Provider provider) {
    AuthFlow flow =
        new AuthFlow(
            UUID.randomUUID().toString(),
            session.devId(),
            provider.id(),
            session.referenceId(),
            session.successUrl(),
            session.failureUrl(),
            null,
            session.sessionId(),
            session.expiresAt());
    state.put(flow);
    return flow;
  }

  boolean expired(java.time.Instant expiresAt) {
    return !clock.instant().isBefore(expiresAt);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
