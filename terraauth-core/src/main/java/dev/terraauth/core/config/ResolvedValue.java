package dev.terraauth.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A resolved value with its provenance: the source it came from and the lower sources it shadowed.
 * The value is a {@link Secret} even for non-secret settings, so nothing here prints a value by
 * accident; {@link #display()} shows non-secret values and masks secrets. Immutable.
 *
 * @param setting what this is
 * @param value the value
 * @param origin where it came from
 * @param shadowed lower-precedence sources that also set it, highest first
 */
public record ResolvedValue(Setting setting, Secret value, Origin origin, List<Origin> shadowed) {
  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param setting what this is
   * @param value the value
   * @param origin where it came from
   * @param shadowed lower-precedence sources that also set it, highest first
   */
  public ResolvedValue {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
    shadowed = List.copyOf(shadowed);
  }

  /**
   * {@return printable form: secrets as {@code ******** (fingerprint 1a2b3c4d)}, other values
   * as-is}
   */
  public String display() {
    return setting.isSecret() ? masked(value) : value.reveal();
  }

  /**
   * The masked form of a secret: stars and its fingerprint.
   *
   * @param secret the secret
   * @return stars and the fingerprint, safe to print
   */
  public static String masked(Secret secret) {
    return "******** (fingerprint " + secret.fingerprint() + ")";
  }
}
