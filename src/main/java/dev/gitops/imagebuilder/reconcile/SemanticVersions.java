package dev.gitops.imagebuilder.reconcile;

import java.util.Comparator;

/** Orders semantic versions numerically, node by node (1.10.0 after 1.9.0). */
final class SemanticVersions {
  static final Comparator<String> ORDER = SemanticVersions::compare;

  private SemanticVersions() {}

  static int compare(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int byNode = Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]));
      if (byNode != 0) {
        return byNode;
      }
    }
    return Integer.compare(left.length, right.length);
  }
}
