package dev.gitops.imagebuilder.emulator;

/**
 * A version node pattern from an ARN: each node a number or {@code x} (null here). Wildcards must
 * run from the right ({@code x.x.x}, {@code 1.x.x}, {@code 1.2.x}); {@code x.2.x} or {@code 1.x.8}
 * are rejected by the caller.
 */
record VersionFilter(Long major, Long minor, Long patch) {

  static VersionFilter exact(SemanticVersion v) {
    return new VersionFilter(v.major(), v.minor(), v.patch());
  }

  /** Parses {@code (N|x).(N|x).(N|x)}; null when a node is out of range. */
  static VersionFilter parseOrNull(String text) {
    String[] nodes = text.split("\\.");
    Long[] values = new Long[3];
    for (int i = 0; i < 3; i++) {
      if (!nodes[i].equals("x")) {
        if (nodes[i].length() > 10 || Long.parseLong(nodes[i]) > SemanticVersion.MAX_NODE) {
          return null;
        }
        values[i] = Long.parseLong(nodes[i]);
      }
    }
    return new VersionFilter(values[0], values[1], values[2]);
  }

  boolean wildcardsFromRight() {
    return !(major == null && (minor != null || patch != null))
        && !(minor == null && patch != null);
  }

  boolean isExact() {
    return major != null && minor != null && patch != null;
  }

  boolean matches(SemanticVersion v) {
    return (major == null || major == v.major())
        && (minor == null || minor == v.minor())
        && (patch == null || patch == v.patch());
  }

  @Override
  public String toString() {
    return node(major) + "." + node(minor) + "." + node(patch);
  }

  private static String node(Long value) {
    return value == null ? "x" : value.toString();
  }
}
