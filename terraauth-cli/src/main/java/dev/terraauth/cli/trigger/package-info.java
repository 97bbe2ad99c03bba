/**
 * {@code terra-auth trigger}: realistic events, signed as Terra signs them, sent to an endpoint.
 */
package dev.terraauth.cli.trigger;
