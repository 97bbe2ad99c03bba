package dev.terraauth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The project version and git commit, from the resource the build writes (git rev-parse). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"terra-auth " + describe()};
  }

  /** e.g. {@code 0.1.0-SNAPSHOT (commit 1a2b3c4, modified)}. */
  static String describe() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource reads as unknown below
    }
    String version = properties.getProperty("version", "unknown version");
    String commit = properties.getProperty("commit", "");
    if (commit.isBlank() || commit.equals("unknown")) {
      return version + " (commit unknown)";
    }
    boolean dirty = Boolean.parseBoolean(properties.getProperty("dirty", "false"));
    return version + " (commit " + commit + (dirty ? ", modified)" : ")");
  }
}
