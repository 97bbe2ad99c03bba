/**
 * Environments and credentials: where each value came from, guards against misuse, and {@link
 * dev.terraauth.core.config.Secret}, a type that cannot print itself.
 */
package dev.terraauth.core.config;
