package dev.terraauth.emulator;

import java.time.Instant;

/**
 * One pending provider consent: started by a widget session's provider choice or by {@code
 * authenticateUser}, finished (once) by approve or deny.
 *
 * @param userId the user id allocated up front ({@code authenticateUser}), or null (widget)
 * @param widgetSessionId the widget session this came from, or null
 */
record AuthFlow(
    String flowId,
    String devId,
    String provider,
    String referenceId,
    String successUrl,
    String failureUrl,
    String userId,
    String widgetSessionId,
    Instant expiresAt) {}
