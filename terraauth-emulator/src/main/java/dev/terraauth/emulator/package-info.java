/**
 * A stateful local Terra for the auth surface: the REST auth endpoints (under {@code /api/v2} and
 * {@code /v2}), the new widget session endpoint, hosted widget and consent pages, signed lifecycle
 * webhooks with retries, fault injection, and an admin API under {@code /_emulator}.
 *
 * <p>Start it with {@link dev.terraauth.emulator.TerraEmulator#builder()}; control it with {@link
 * dev.terraauth.emulator.EmulatorAdmin}. It shares no code with terraauth-core on purpose, so a bug
 * there cannot hide in the thing that tests it.
 */
package dev.terraauth.emulator;
