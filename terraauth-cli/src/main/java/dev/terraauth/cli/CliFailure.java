package dev.terraauth.cli;

/**
 * A failure a command reports instead of printing it itself, so it reads the same everywhere: one
 * line {@code terra-auth CMD: message; hint} or, with {@code --json}, {@code {"error": {"code",
 * "message", "hint"}}}. Messages never hold a secret or a Java class name.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String hint;
  private final int exitCode;

  /** A failure with a machine-readable code, what went wrong, the fix (nullable) and exit code. */
  public CliFailure(String code, String message, String hint, int exitCode) {
    super(message);
    this.code = code;
    this.hint = hint;
    this.exitCode = exitCode;
  }

  /** A usage error (exit 2). */
  public static CliFailure usage(String message, String hint) {
    return new CliFailure("usage", message, hint, TerraAuthCli.USAGE);
  }

  /** The command ran and found a problem (exit 1). */
  public static CliFailure problem(String code, String message, String hint) {
    return new CliFailure(code, message, hint, TerraAuthCli.PROBLEM);
  }

  /** A file-system failure in words ("no such file: x"), never the exception's class name. */
  public static String describe(java.io.IOException failure) {
    return ErrorReport.describe(failure);
  }

  public String code() {
    return code;
  }

  /** The fix, or null. */
  public String hint() {
    return hint;
  }

  public int exitCode() {
    return exitCode;
  }
}
