package dev.terraauth.cli.scan;

/**
 * One leaked credential. Holds only what is safe to print: the value's fingerprint and a mask
 * showing at most its first 4 characters, never the value itself.
 *
 * @param rule what was found
 * @param path where, relative to the scan root (or {@code -} for standard input)
 * @param line 1-based line
 * @param column 1-based column of the value's first character
 * @param fingerprint {@link dev.terraauth.core.config.Secret#fingerprintOf} of the value
 * @param maskedValue at most the first 4 characters, then a mask
 * @param maskedDevId the paired dev-id masked the same way, or null when none was near
 * @param environmentHint environment word seen in the dev-id, variable name or file name, or null
 * @param knownAs description of the configured credential it matches, or null
 * @param commit the commit that introduced it ({@code --history}), or null
 */
public record Finding(
    Rule rule,
    String path,
    int line,
    int column,
    String fingerprint,
    String maskedValue,
    String maskedDevId,
    String environmentHint,
    String knownAs,
    String commit) {

  /** A copy reporting the commit that introduced the blob. */
  public Finding withCommit(String introducingCommit) {
    return new Finding(
        rule,
        path,
        line,
        column,
        fingerprint,
        maskedValue,
        maskedDevId,
        environmentHint,
        knownAs,
        introducingCommit);
  }

  /** A copy with another path (a blob found under another name). */
  public Finding withPath(String otherPath) {
    return new Finding(
        rule,
        otherPath,
        line,
        column,
        fingerprint,
        maskedValue,
        maskedDevId,
        environmentHint,
        knownAs,
        commit);
  }

  /** The one-sentence hint shown after the masked value. */
  public String hint() {
    StringBuilder hint = new StringBuilder();
    if (knownAs != null) {
      hint.append(knownAs)
          .append(": rotate it in Terra's dashboard now, then remove it from git history")
          .append(" (git filter-repo --replace-text, then force-push)");
      return hint.toString();
    }
    if (maskedDevId != null) {
      hint.append("paired with dev-id ").append(maskedDevId);
    }
    if (environmentHint != null) {
      if (hint.length() > 0) {
        hint.append("; ");
      }
      hint.append("looks like ").append(environmentHint).append(" (a hint only)");
    }
    if (hint.length() > 0) {
      hint.append("; ");
    }
    hint.append("rotate it in Terra's dashboard if it is real, then remove it from the file");
    return hint.toString();
  }

  /** At most the first 4 characters (none for short values), then a fixed-width mask. */
  static String mask(String value) {
    String shown = value.length() >= 16 ? value.substring(0, 4) : "";
    return shown + "********";
  }
}
