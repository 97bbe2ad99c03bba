package dev.terraauth.cli.scan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values that stand in for a credential rather than being one: templates, environment lookups,
 * masks, repeated characters and values too short or too plain to be a real key.
 */
final class Placeholders {
  /** API keys in the wild are 30-40+ characters; anything much shorter is a stand-in. */
  static final int MIN_API_KEY_LENGTH = 24;

  static final int MIN_SECRET_LENGTH = 16;

  private static final double MIN_API_KEY_ENTROPY = 3.5;
  private static final double MIN_SECRET_ENTROPY = 3.0;
  // A random 40-character base62 key holds no digit about once in a thousand, and such keys went
  // unreported. Values of letters only count when they look drawn, not like a long camelCase name:
  // about half upper case (names have a capital per word, under a quarter) and high entropy (names
  // reach 4.2). Of random letter strings, 99.9% of 40-character and 99.6% of 32-character ones
  // pass.
  private static final double MIN_LETTERS_ONLY_API_KEY_ENTROPY = 4.2;
  private static final double MIN_LETTERS_ONLY_SECRET_ENTROPY = 4.0;

  private static final List<String> MARKERS =
      List.of(
          "xxxx",
          "your",
          "changeme",
          "change_me",
          "change-me",
          "placeholder",
          "example",
          "redacted",
          "replace",
          "insert",
          "dummy",
          "sample",
          "fake",
          "not-secret",
          "not_secret",
          "notsecret",
          "secret_here",
          "key_here",
          "keyhere",
          "todo",
          "<",
          ">",
          "${",
          "{{",
          "}}",
          "%s",
          "%(",
          "***",
          "...",
          "…",
          "$(",
          "process.env",
          "getenv",
          "environ",
          "env[",
          "env.",
          "env(",
          "lookup",
          "vault:",
          "secretsmanager",
          "ssm:");

  private static final Pattern API_KEY_SHAPE = Pattern.compile("[A-Za-z0-9_\\-]+");
  private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_\\-+/=.:~]+");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Lower-case hex of a digest length (MD5, SHA-1, SHA-256): a hash or commit id, not a key. */
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}");

  private static final Pattern DEV_ID_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-.]{2,80}");

  private Placeholders() {}

  /** True when the value could be a real API key. */
  static boolean plausibleApiKey(String value) {
    return value.length() >= MIN_API_KEY_LENGTH
        && value.length() <= 200
        && API_KEY_SHAPE.matcher(value).matches()
        && looksGenerated(value, MIN_LETTERS_ONLY_API_KEY_ENTROPY)
        && !isPlaceholder(value)
        && !UUID.matcher(value).matches()
        && !DIGEST.matcher(value).matches()
        && Entropy.bitsPerChar(value) >= MIN_API_KEY_ENTROPY;
  }

  /** True when the value could be a real webhook signing secret. */
  static boolean plausibleSecret(String value) {
    return value.length() >= MIN_SECRET_LENGTH
        && value.length() <= 200
        && SECRET_SHAPE.matcher(value).matches()
        && looksGenerated(value, MIN_LETTERS_ONLY_SECRET_ENTROPY)
        && !isPlaceholder(value)
        && !UUID.matcher(value).matches()
        && Entropy.bitsPerChar(value) >= MIN_SECRET_ENTROPY;
  }

  /** True when the value could be a dev-id (not secret, used to pair and hint). */
  static boolean plausibleDevId(String value) {
    return DEV_ID_SHAPE.matcher(value).matches()
        && !isPlaceholder(value)
        && !UUID.matcher(value).matches()
        && !ENV_VAR_NAME.matcher(value).matches();
  }

  /** Template markers, env lookups, masks, environment variable names, one repeated character. */
  static boolean isPlaceholder(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (String marker : MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    if (value.startsWith("$") || value.startsWith("%") || value.startsWith("@")) {
      return true;
    }
    if (ENV_VAR_NAME.matcher(value).matches()) {
      return true;
    }
    return value.chars().distinct().count() <= 2;
  }

  /** Letters and digits; or letters only in both cases, random enough not to be a name. */
  private static boolean looksGenerated(String value, double lettersOnlyEntropy) {
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      digit |= Character.isDigit(c);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    if (digit) {
      return upper || lower;
    }
    long capitals = value.chars().filter(Character::isUpperCase).count();
    double share = (double) capitals / value.length();
    return share >= 0.25 && share <= 0.75 && Entropy.bitsPerChar(value) >= lettersOnlyEntropy;
  }
}
