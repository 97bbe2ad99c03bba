/** {@code terra-auth webhook sign|verify}: sign a saved body, or check one against its header. */
package dev.terraauth.cli.webhook;
