package dev.terraauth.core.internal;

import dev.terraauth.core.config.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every occurrence of a configured secret in text that is about to be quoted (an error
 * body, a detail message) by {@code [redacted]}. Longest secrets first, so one secret containing
 * another is removed whole. Immutable and thread-safe. Not API.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MARK = "[redacted]";

  private final List<String> secrets;

  public Redactor(List<Secret> secrets) {
    List<String> values = new ArrayList<>();
    for (Secret secret : secrets) {
      values.add(secret.reveal());
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(values);
  }

  /** The text with every secret replaced; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MARK);
    }
    return result;
  }
}
