package dev.terraauth.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (falls back to "development" when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TerraAuthCli.class.getPackage().getImplementationVersion();
    return new String[] {"terra-auth " + (version == null ? "development build" : version)};
  }
}
