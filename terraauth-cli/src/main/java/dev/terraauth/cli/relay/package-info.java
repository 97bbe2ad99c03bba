/**
 * {@code terra-auth relay}: a running gateway's relay endpoints, attempts and replays (admin API),
 * and {@code relay listen}, a local Standard Webhooks receiver for developers.
 */
package dev.terraauth.cli.relay;
