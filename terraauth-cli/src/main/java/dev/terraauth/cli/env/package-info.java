/** {@code terra-auth env}: list, show, check and initialise environment configurations. */
package dev.terraauth.cli.env;
