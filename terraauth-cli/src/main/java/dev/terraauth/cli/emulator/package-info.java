/** {@code terra-auth emulator}: runs the local Terra emulator from the command line. */
package dev.terraauth.cli.emulator;
