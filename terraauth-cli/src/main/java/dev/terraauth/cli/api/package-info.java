/**
 * The {@code terra-auth} commands that call Terra's auth API through {@link
 * dev.terraauth.core.client.TerraAuthClient}: integrations, widget-session, auth-url, mobile-token,
 * deauth, user and users.
 */
package dev.terraauth.cli.api;
