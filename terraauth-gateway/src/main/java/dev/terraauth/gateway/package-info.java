/** The gateway service: widget sessions, mobile tokens, the webhook receiver, connection state. */
package dev.terraauth.gateway;
