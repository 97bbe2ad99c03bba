package dev.terraauth.emulator;

import java.util.Locale;

/**
 * Which generation of Terra the emulator imitates (contract section 9). Both serve every base path;
 * they differ in error bodies and in the auth-failure webhook.
 */
public enum Profile {
  /**
   * access.tryterra.co (2026): {@code application/problem+json} errors, {@code auth_cancelled} on a
   * failed connection, the reference id inside {@code user}.
   */
  CURRENT,
  /**
   * api.tryterra.co: {@code {"status":"error","message":...}} errors, {@code type:auth,
   * status:error} on a failed connection, a top-level {@code reference_id} on {@code auth}.
   */
  LEGACY;

  /**
   * Parses {@code current} or {@code legacy}, case-insensitively.
   *
   * @param name {@code current} or {@code legacy}
   * @return the profile
   * @throws IllegalArgumentException naming the valid profiles
   */
  public static Profile parse(String name) {
    for (Profile profile : values()) {
      if (profile.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown emulator profile '" + name + "': use current or legacy");
  }

  /** {@return the lower-case name ({@code current})} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
