package dev.gitops.imagebuilder.aws;

import java.util.Comparator;

/** A workflow's {@code major.minor.patch}, ordered numerically (so 1.10.0 follows 1.9.0). */
public record SemanticVersion(long major, long minor, long patch)
    implements Comparable<SemanticVersion> {

  /** Version texts in numeric order. */
  public static final Comparator<String> ORDER = Comparator.comparing(SemanticVersion::parse);

  public static SemanticVersion parse(String text) {
    String[] parts = text.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a semantic version: " + text);
    }
    return new SemanticVersion(
        Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int byMajor = Long.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Long.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Long.compare(patch, other.patch);
  }
}
