/** A stateful local Terra: auth endpoints, hosted widget pages and signed webhooks. */
package dev.terraauth.emulator;
