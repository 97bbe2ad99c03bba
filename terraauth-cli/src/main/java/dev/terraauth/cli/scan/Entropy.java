package dev.terraauth.cli.scan;

/** Shannon entropy of a string's characters, in bits per character. */
final class Entropy {
  private Entropy() {}

  static double bitsPerChar(String value) {
    if (value.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double length = value.length();
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = count / length;
        bits -= p * (Math.log(p) / Math.log(2));
      }
    }
    if (other > 0) {
      double p = other / length;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }
}
