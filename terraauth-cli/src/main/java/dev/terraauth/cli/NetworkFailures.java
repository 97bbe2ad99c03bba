package dev.terraauth.cli;

import java.io.IOException;

/** Why a connection from the CLI failed, in words (users never see a Java class name). */
public final class NetworkFailures {
  private NetworkFailures() {}

  /** "host not found", "connection refused", or the exception's own message. */
  public static String reason(IOException e) {
    // the JDK client wraps an unknown host in a ConnectException: look for it first
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "host not found";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
    }
    return e.getMessage() == null ? "I/O error" : e.getMessage();
  }
}
