/**
 * The event relay: every verified, stored delivery is queued (same transaction) for each matching
 * endpoint and pushed signed per Standard Webhooks, with retries, leases shared by instances and
 * optional per-user ordering; the same history feeds the pull feed ({@code GET /events}).
 */
package dev.terraauth.gateway.relay;
