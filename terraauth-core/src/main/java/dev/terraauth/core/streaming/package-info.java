/**
 * Terra's real-time streaming host ({@code ws.tryterra.co}): {@link
 * dev.terraauth.core.streaming.TerraStreamingClient} mints the single-use producer and consumer
 * tokens a {@code /connect} socket presents in its IDENTIFY frame.
 */
package dev.terraauth.core.streaming;
