package dev.gitops.imagebuilder.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under examples/: single resources at the top, kustomizations in subdirectories; all
 * applied into a namespace of one's choice with -n, except {@link #ACCOUNTS}.
 */
public final class Examples {
  public static final Path DIR = Path.of("examples");

  /**
   * A cluster admin's set-up, applied without -n: a namespace, the ImageBuilderAccount mapping it
   * to a role in another AWS account, and a workflow in it.
   */
  public static final Path ACCOUNTS = DIR.resolve("accounts");

  private Examples() {}

  /** examples/*.yaml, each one ImageBuilderWorkflow. */
  static List<Path> resources() {
    return list(DIR).stream().filter(p -> p.toString().endsWith(".yaml")).toList();
  }

  /** Subdirectories of examples/ holding a kustomization.yaml, but {@link #ACCOUNTS}. */
  static List<Path> kustomizations() {
    return list(DIR).stream()
        .filter(p -> Files.exists(p.resolve("kustomization.yaml")))
        .filter(p -> !p.equals(ACCOUNTS))
        .toList();
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
