package dev.gitops.imagebuilder.config;

import java.util.List;

/** Start-up configuration that cannot be used; each problem is one line naming the setting. */
public final class InvalidConfigException extends Exception {
  private final List<String> problems;

  InvalidConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
