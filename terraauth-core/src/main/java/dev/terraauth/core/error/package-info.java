/**
 * The one exception hierarchy of terraauth-core, rooted at {@link
 * dev.terraauth.core.error.TerraAuthException}.
 */
package dev.terraauth.core.error;
