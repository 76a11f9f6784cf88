package dev.gitops.imagebuilder.testing;

import java.util.Locale;

/**
 * Names of the per-test-class namespaces: readable (the class name) and unique (a random suffix).
 */
final class TestNamespace {

  private static final int MAX_PREFIX = 50;

  private TestNamespace() {}

  /**
   * A DNS-1123 label made of the class's simple name and {@code suffix}, e.g. {@code
   * kubeapiserverit-3f9a1c}.
   */
  static String nameFor(String classSimpleName, String suffix) {
    String prefix = classSimpleName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    if (prefix.length() > MAX_PREFIX) {
      prefix = prefix.substring(0, MAX_PREFIX);
    }
    prefix = prefix.replaceAll("^-+|-+$", "");
    return (prefix.isEmpty() ? "test" : prefix) + "-" + suffix;
  }
}
