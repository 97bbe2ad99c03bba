/**
 * Terra's webhook events as a sealed family of records: the seven auth-lifecycle events (with both
 * the current and the legacy auth-failure shape), and a raw pass-through for data, operational and
 * unknown events. Parse a verified body with {@link dev.terraauth.core.event.WebhookEventParser}.
 */
package dev.terraauth.core.event;
