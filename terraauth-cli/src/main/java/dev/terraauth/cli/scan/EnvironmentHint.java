package dev.terraauth.cli.scan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment word in a dev-id ({@code acme-testing-x1}), variable name ({@code
 * TERRA_PRODUCTION_API_KEY}) or file name ({@code .env.terra.staging}). Only a hint: Terra does not
 * promise that a dev-id names its environment.
 */
final class EnvironmentHint {
  private static final Pattern WORD =
      Pattern.compile(
          "(?i)(?:^|[-_./])(testing|test|sandbox|staging|stage|production|prod|live)(?=$|[-_./])");

  private EnvironmentHint() {}

  static String of(String devId, String variableName, String path) {
    String fromDevId = word(devId);
    if (fromDevId != null) {
      return fromDevId + " (from the dev-id)";
    }
    String fromName = word(variableName);
    if (fromName != null) {
      return fromName + " (from the variable name)";
    }
    String fromPath = word(path);
    return fromPath == null ? null : fromPath + " (from the file name)";
  }

  static String word(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = WORD.matcher(text);
    if (!matcher.find()) {
      return null;
    }
    return switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
      case "testing", "test", "sandbox" -> "testing";
      case "staging", "stage" -> "staging";
      default -> "production";
    };
  }
}
