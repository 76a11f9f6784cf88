package dev.gitops.imagebuilder.emulator;

import java.util.Comparator;

/** A workflow's {@code major.minor.patch}, ordered numerically (1.10.0 after 1.2.0). */
record SemanticVersion(long major, long minor, long patch) implements Comparable<SemanticVersion> {

  static final long MAX_NODE = 1_073_741_823L;

  private static final Comparator<SemanticVersion> ORDER =
      Comparator.comparingLong(SemanticVersion::major)
          .thenComparingLong(SemanticVersion::minor)
          .thenComparingLong(SemanticVersion::patch);

  /**
   * Parses a string already matching {@code [0-9]+\.[0-9]+\.[0-9]+}; null when a node exceeds
   * 2^30-1.
   */
  static SemanticVersion parseOrNull(String text) {
    String[] nodes = text.split("\\.");
    long[] values = new long[3];
    for (int i = 0; i < 3; i++) {
      if (nodes[i].length() > 10) {
        return null;
      }
      values[i] = Long.parseLong(nodes[i]);
      if (values[i] > MAX_NODE) {
        return null;
      }
    }
    return new SemanticVersion(values[0], values[1], values[2]);
  }

  @Override
  public int compareTo(SemanticVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
