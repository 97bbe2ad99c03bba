package dev.terraauth.core.client;

import java.net.URI;
import java.time.Instant;

/**
 * A widget session: send the user to {@link #url()} before {@link #expiresAt()}.
 *
 * @param sessionId Terra's session id (it comes back as {@code widget_session_id} in webhooks)
 * @param url the hosted widget page
 * @param expiresAt absolute expiry: request time plus {@code expires_in} (900 s when absent)
 */
public record WidgetSession(String sessionId, URI url, Instant expiresAt) {}
