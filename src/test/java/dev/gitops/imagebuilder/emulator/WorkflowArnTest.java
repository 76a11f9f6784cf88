package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowArnTest {

  private static final String HEAD =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/my-flow/";

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3/4", "1.2.3", "x.x.x", "1.x.x", "1.2.x", "1073741823.0.0"})
  void parsesAndFormatsEveryWorkflowArnForm(String tail) {
    assertThat(WorkflowArn.parse(HEAD + tail))
        .hasValueSatisfying(a -> assertThat(a.toString()).isEqualTo(HEAD + tail));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.x/1", "1073741824.0.0", "1.2", "1.2.3/", "1.2.3/x"})
  void rejectsWhatTheModelOrTheNodeRangeDoesNot(String tail) {
    assertThat(WorkflowArn.parse(HEAD + tail)).isEmpty();
  }

  @Test
  void theNameIsLowerCasedWithSpacesAsHyphens() {
    assertThat(WorkflowArn.slugOf("My Build Flow_2")).isEqualTo("my-build-flow_2");
  }

  @ParameterizedTest
  @CsvSource({
    "x.x.x, true",
    "1.x.x, true",
    "1.2.x, true",
    "1.2.3, true",
    "x.2.x, false",
    "1.x.8, false",
    "x.x.3, false"
  })
  void wildcardsMustRunFromTheRight(String version, boolean valid) {
    assertThat(VersionFilter.parseOrNull(version).wildcardsFromRight()).isEqualTo(valid);
  }

  @Test
  void versionsOrderNumerically() {
    assertThat(SemanticVersion.parseOrNull("1.10.0"))
        .isGreaterThan(SemanticVersion.parseOrNull("1.2.0"));
    assertThat(SemanticVersion.parseOrNull("1.2.10"))
        .isGreaterThan(SemanticVersion.parseOrNull("1.2.9"));
  }
}
