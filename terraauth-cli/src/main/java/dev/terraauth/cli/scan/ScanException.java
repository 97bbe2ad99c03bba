package dev.terraauth.cli.scan;

/** The scan could not run (not a git repository, git failed, unreadable baseline): exit code 2. */
final class ScanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ScanException(String message) {
    super(message);
  }

  ScanException(String message, Throwable cause) {
    super(message, cause);
  }
}
