package dev.terraauth.gateway;

import java.net.BindException;

/** Why a server or a database could not start, in words, with the real cause (never "in use?"). */
public final class StartFailures {
  private StartFailures() {}

  /** e.g. "cannot listen on 127.0.0.1:8788: the port is in use; choose another with --port". */
  public static String bind(String host, int port, Throwable failure) {
    String prefix = "cannot listen on " + host + ":" + port + ": ";
    BindException bind = find(failure, BindException.class);
    String reason =
        bind != null && bind.getMessage() != null ? bind.getMessage() : rootMessage(failure);
    String lower = reason.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("already in use")) {
      return prefix
          + "the port is in use by another program; choose another with --port (0 picks a"
          + " free one)";
    }
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      return prefix + "permission denied (ports below 1024 need privileges); use a port above 1023";
    }
    if (lower.contains("cannot assign requested address")) {
      return prefix + host + " is not an address of this machine; use --host 127.0.0.1 or 0.0.0.0";
    }
    return prefix + reason;
  }

  /** The innermost message of a chain (drivers wrap the useful part deep down). */
  public static String rootMessage(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return message == null ? "unknown cause" : message.replaceAll("\\s+", " ").strip();
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
