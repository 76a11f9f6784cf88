package dev.gitops.imagebuilder.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files under examples/: single resources at the top, kustomizations in subdirectories. */
final class Examples {
  static final Path DIR = Path.of("examples");

  private Examples() {}

  /** examples/*.yaml, each one ImageBuilderWorkflow. */
  static List<Path> resources() {
    return list(DIR).stream().filter(p -> p.toString().endsWith(".yaml")).toList();
  }

  /** Subdirectories of examples/ holding a kustomization.yaml. */
  static List<Path> kustomizations() {
    return list(DIR).stream().filter(p -> Files.exists(p.resolve("kustomization.yaml"))).toList();
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
