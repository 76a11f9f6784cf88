package dev.gitops.imagebuilder.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CRDs are generated (by the build) and committed (for users), relative to the project
 * root.
 */
final class CrdFiles {
  static final String FILE_NAME = "imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml";
  static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", FILE_NAME);
  static final Path COMMITTED = Path.of("crds", FILE_NAME);
  static final String ACCOUNTS_FILE_NAME = "imagebuilderaccounts.imagebuilder.gitops.dev-v1.yml";

  private CrdFiles() {}

  static CustomResourceDefinition load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
