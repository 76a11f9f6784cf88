package dev.gitops.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs in crds/ are what users install; it must be exactly what the CRD generator makes of the
 * Java types. On a difference the test rewrites crds/ with the generated file (so the fix is a
 * review and a commit) and still fails, so the run that finds the drift never passes.
 */
class CommittedCrdTest {

  @ParameterizedTest
  @ValueSource(strings = {CrdFiles.FILE_NAME, CrdFiles.ACCOUNTS_FILE_NAME})
  void committedCrdIsTheGeneratedOne(String file) throws IOException {
    Path generated = CrdFiles.GENERATED.resolveSibling(file);
    Path committed = CrdFiles.COMMITTED.resolveSibling(file);
    assertThat(generated)
        .as(
            "generated CRD missing: run `mvn -o -q process-classes` (the Fabric8 crd-generator-maven-plugin)")
        .exists();
    String expected = Files.readString(generated);
    String actual = Files.exists(committed) ? Files.readString(committed) : "";
    if (!expected.equals(actual)) {
      Files.writeString(committed, expected);
      fail(
          "%s differs from the CRD generated from the Java types (%s). It has been refreshed: review "
              + "`git diff %s` and commit it. By hand: mvn -o -q process-classes && cp %s %s",
          committed, generated, committed, generated, committed.getParent() + "/");
    }
  }
}
