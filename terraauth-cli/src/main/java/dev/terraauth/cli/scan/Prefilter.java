package dev.terraauth.cli.scan;

/**
 * The cheap test every file passes before any regex runs: does it mention Terra or a dev-id at all?
 * A single pass over the bytes, case-insensitive, no decoding. Files without Terra context can hold
 * no finding (see {@link Detector}), so skipping them is exact, not a heuristic.
 */
final class Prefilter {
  private static final boolean[] FIRST = new boolean[256];

  static {
    FIRST['t'] = true;
    FIRST['T'] = true;
    FIRST['d'] = true;
    FIRST['D'] = true;
  }

  private Prefilter() {}

  /** True when the bytes contain "terra", "devid", "dev-id", "dev_id" or "dev.id" in any case. */
  static boolean mentionsTerra(byte[] bytes, int length) {
    int last = length - 5;
    for (int i = 0; i <= last; i++) {
      if (!FIRST[bytes[i] & 0xff]) {
        continue;
      }
      int first = bytes[i] | 0x20;
      if (first == 't') {
        if ((bytes[i + 1] | 0x20) == 'e'
            && (bytes[i + 2] | 0x20) == 'r'
            && (bytes[i + 3] | 0x20) == 'r'
            && (bytes[i + 4] | 0x20) == 'a') {
          return true;
        }
      } else if ((bytes[i + 1] | 0x20) == 'e' && (bytes[i + 2] | 0x20) == 'v') {
        int next = bytes[i + 3];
        if ((next | 0x20) == 'i' && (bytes[i + 4] | 0x20) == 'd') {
          return true;
        }
        if ((next == '-' || next == '_' || next == '.')
            && i + 5 < length
            && (bytes[i + 4] | 0x20) == 'i'
            && (bytes[i + 5] | 0x20) == 'd') {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the first bytes contain a NUL, git's own test for binary content. */
  static boolean looksBinary(byte[] bytes, int length) {
    int limit = Math.min(length, 8000);
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
