/** JSON mapping and HTTP plumbing shared inside terraauth-core. Not API: changes freely. */
package dev.terraauth.core.internal;
