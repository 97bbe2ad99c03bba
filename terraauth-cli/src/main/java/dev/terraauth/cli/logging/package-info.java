/** Logging set-up of the CLI. */
package dev.terraauth.cli.logging;
