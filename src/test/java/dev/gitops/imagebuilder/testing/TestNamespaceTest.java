package dev.gitops.imagebuilder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestNamespaceTest {

  @ParameterizedTest
  @CsvSource({
    "KubeApiServerIT, kubeapiserverit-ab12cd",
    "Widget_Status$Nested, widget-status-nested-ab12cd",
    "_Leading, leading-ab12cd",
    "___, test-ab12cd",
    "AVeryLongTestClassNameThatGoesOnAndOnBeyondAnyReasonableLength, "
        + "averylongtestclassnamethatgoesonandonbeyondanyreas-ab12cd",
  })
  void namesAreDnsLabelsFromTheClassName(String className, String expected) {
    String name = TestNamespace.nameFor(className, "ab12cd");

    assertThat(name)
        .isEqualTo(expected)
        .hasSizeLessThanOrEqualTo(63)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }
}
