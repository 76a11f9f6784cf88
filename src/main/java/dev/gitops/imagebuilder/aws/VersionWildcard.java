package dev.gitops.imagebuilder.aws;

/**
 * A semantic version as Image Builder resolves it in ARNs: {@code 1.2.3}, or with {@code x}
 * replacing the rightmost nodes ({@code 1.2.x}, {@code 1.x.x}, {@code x.x.x}).
 */
public record VersionWildcard(String text) {

  /** Whether the exact version {@code version} is one this wildcard names. */
  public boolean matches(String version) {
    String[] want = text.split("\\.");
    String[] have = version.split("\\.");
    for (int i = 0; i < 3; i++) {
      if (!want[i].equals("x") && Long.parseLong(want[i]) != Long.parseLong(have[i])) {
        return false;
      }
    }
    return true;
  }
}
