package dev.terraauth.cli;

import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.RateLimitedException;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraAuthException;
import dev.terraauth.core.error.TerraBadRequestException;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.core.error.TerraServerErrorException;
import dev.terraauth.core.error.TerraTimeoutException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.error.WebhookVerificationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One failure as users see it: a code, a message and a hint, printed as a line of text or, with
 * {@code --json}, as {@code {"error": {"code", "message", "hint"}}} on standard output (so a script
 * reading the JSON result reads the error the same way).
 */
record ErrorReport(String code, String message, String hint, int exitCode) {
  static ErrorReport of(Throwable failure) {
    if (failure instanceof CliFailure cli) {
      return new ErrorReport(cli.code(), cli.getMessage(), cli.hint(), cli.exitCode());
    }
    if (failure instanceof TerraAuthException terra) {
      return split(code(terra), terra.getMessage(), exitCode(terra));
    }
    if (failure instanceof UncheckedIOException unchecked) {
      return of(unchecked.getCause());
    }
    if (failure instanceof IOException io) {
      return new ErrorReport("io", describe(io), null, TerraAuthCli.PROBLEM);
    }
    return new ErrorReport(
        "internal",
        "internal error" + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
        "please report it with the command you ran",
        TerraAuthCli.PROBLEM);
  }

  /**
   * Core messages read "what went wrong; what to do": the part after the first "; " is the hint.
   */
  private static ErrorReport split(String code, String message, int exitCode) {
    int separator = message.indexOf("; ");
    if (separator < 0) {
      return new ErrorReport(code, message, null, exitCode);
    }
    return new ErrorReport(
        code, message.substring(0, separator), message.substring(separator + 2), exitCode);
  }

  private static String code(TerraAuthException failure) {
    if (failure instanceof ConfigException) {
      return "config";
    }
    if (failure instanceof WebhookVerificationException verification) {
      return "webhook_" + verification.reason().name().toLowerCase(Locale.ROOT);
    }
    if (failure instanceof InvalidCredentialsException) {
      return "invalid_credentials";
    }
    if (failure instanceof TerraNotFoundException) {
      return "not_found";
    }
    if (failure instanceof RateLimitedException) {
      return "rate_limited";
    }
    if (failure instanceof TerraBadRequestException) {
      return "bad_request";
    }
    if (failure instanceof TerraServerErrorException) {
      return "terra_server_error";
    }
    if (failure instanceof TerraApiException) {
      return "terra_api_error";
    }
    if (failure instanceof TerraTimeoutException) {
      return "timeout";
    }
    if (failure instanceof TerraTransportException) {
      return "unreachable";
    }
    return "error";
  }

  private static int exitCode(TerraAuthException failure) {
    return failure instanceof ConfigException ? TerraAuthCli.USAGE : TerraAuthCli.PROBLEM;
  }

  /** A file-system failure in words ("no such file: x"), never the exception's class name. */
  static String describe(IOException failure) {
    if (failure instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (failure instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (failure instanceof FileSystemException fileSystem) {
      return (fileSystem.getReason() == null ? "cannot access" : fileSystem.getReason())
          + ": "
          + fileSystem.getFile();
    }
    return failure.getMessage() == null ? "input/output error" : failure.getMessage();
  }

  void print(String command, boolean json, PrintWriter out, PrintWriter err) {
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("message", message);
      error.put("hint", hint);
      out.println(JsonText.write(Map.of("error", error)));
      out.flush();
    } else {
      err.println(command + ": " + message + (hint == null ? "" : "; " + hint));
      err.flush();
    }
  }
}
