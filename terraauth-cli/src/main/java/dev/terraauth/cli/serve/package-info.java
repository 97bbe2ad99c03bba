/** {@code terra-auth serve}: runs the gateway, against Terra or the in-process emulator. */
package dev.terraauth.cli.serve;
