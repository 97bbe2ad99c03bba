/** Webhook signature verification over raw bytes, signing, and the typed auth-event model. */
package dev.terraauth.core.webhook;
