/**
 * Terra's user, shared by the client's responses and the webhook events: {@link
 * dev.terraauth.core.user.TerraUser} (one connection of one end user to one provider account) and
 * {@link dev.terraauth.core.user.Scopes}, the defensive parser for Terra's comma-separated scope
 * strings.
 */
package dev.terraauth.core.user;
