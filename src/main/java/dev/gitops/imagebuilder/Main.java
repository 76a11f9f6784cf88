package dev.gitops.imagebuilder;

/** Starts the operator. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet wired");
  }
}
