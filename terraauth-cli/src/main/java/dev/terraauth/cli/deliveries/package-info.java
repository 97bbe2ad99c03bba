/** {@code terra-auth deliveries}: a running gateway's stored webhook deliveries. */
package dev.terraauth.cli.deliveries;
