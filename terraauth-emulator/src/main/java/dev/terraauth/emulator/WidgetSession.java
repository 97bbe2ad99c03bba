package dev.terraauth.emulator;

import java.time.Instant;
import java.util.List;

/** A widget session: which providers to offer and where to send the user afterwards. */
record WidgetSession(
    String sessionId,
    String devId,
    List<String> providers,
    String referenceId,
    String successUrl,
    String failureUrl,
    String language,
    Instant expiresAt) {}
