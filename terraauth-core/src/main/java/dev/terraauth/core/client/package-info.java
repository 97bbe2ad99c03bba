/** A typed, thread-safe client for Terra's auth endpoints. */
package dev.terraauth.core.client;
