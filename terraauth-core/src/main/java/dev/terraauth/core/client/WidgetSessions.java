package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.TerraGoneException;
import dev.terraauth.core.internal.Json;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Widget sessions from the configured endpoint; when the legacy one answers 410 and fallback is on,
 * this client switches to the new endpoint for good and says so once. Thread-safe.
 */
final class WidgetSessions {
  private static final Logger LOG = LoggerFactory.getLogger(TerraAuthClient.class);
  private static final long DEFAULT_EXPIRY_SECONDS = 900;

  private final Calls calls;
  private final TerraCredentials credentials;
  private final WidgetEndpoint endpoint;
  private final boolean fallbackOnGone;
  private final AtomicBoolean legacyGone = new AtomicBoolean();

  WidgetSessions(
      Calls calls, TerraCredentials credentials, WidgetEndpoint endpoint, boolean fallbackOnGone) {
    this.calls = calls;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.fallbackOnGone = fallbackOnGone;
  }

  WidgetSession create(WidgetSessionRequest request) {
    ObjectNode body = body(request);
    if (endpoint == WidgetEndpoint.NEW || legacyGone.get()) {
      return session(calls.postTo(credentials.widgetSessionUrl(), body));
    }
    try {
      return session(calls.call(Endpoint.GENERATE_WIDGET_SESSION, Map.of(), body));
    } catch (TerraGoneException gone) {
      if (!fallbackOnGone) {
        throw gone;
      }
      if (legacyGone.compareAndSet(false, true)) {
        LOG.warn(
            "POST /auth/generateWidgetSession ({}) answered 410 Gone: switching to the new widget"
                + " session endpoint {} for this client",
            credentials.environment().id(),
            credentials.widgetSessionUrl());
      }
      return session(calls.postTo(credentials.widgetSessionUrl(), body));
    }
  }

  private static WidgetSession session(Reply reply) {
    return new WidgetSession(
        reply.text("session_id"), reply.uri("url"), reply.expiry(DEFAULT_EXPIRY_SECONDS));
  }

  private static ObjectNode body(WidgetSessionRequest request) {
    ObjectNode body = Json.mapper().createObjectNode();
    if (!request.providers().isEmpty()) {
      body.put("providers", String.join(",", request.providers()));
    }
    putIfPresent(body, "language", request.language());
    body.put("reference_id", request.referenceId());
    putIfPresent(body, "auth_success_redirect_url", request.successRedirect());
    putIfPresent(body, "auth_failure_redirect_url", request.failureRedirect());
    return body;
  }

  /** Blank values are left out, as Terra treats an empty string differently from none. */
  static void putIfPresent(ObjectNode body, String field, Object value) {
    if (value != null && !value.toString().isBlank()) {
      body.put(field, value.toString());
    }
  }
}
