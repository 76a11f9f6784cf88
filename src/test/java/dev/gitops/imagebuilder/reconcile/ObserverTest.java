package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an observation reports: the build found, whose it is, and whether its content matches. */
class ObserverTest {
  private static final String AWS_BUILD =
      "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.1/1";
  private static final String OWN_BUILD =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/1.2.0/4";
  private static final DesiredWorkflow NO_CONTENT = observe(null);
  private static final DesiredWorkflow WITH_DOCUMENT = observe("doc-v1");

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("AWS's workflow, no content", NO_CONTENT, AWS_BUILD, null, "aws", null),
        Arguments.of(
            "own workflow, same content",
            WITH_DOCUMENT,
            OWN_BUILD,
            WITH_DOCUMENT.contentHash(),
            "123456789012",
            Observer.IN_SYNC),
        Arguments.of(
            "own workflow, other content",
            WITH_DOCUMENT,
            OWN_BUILD,
            "other",
            "123456789012",
            Observer.DIFFERS),
        Arguments.of(
            "document given by URI: not compared",
            new DesiredWorkflow(
                "ns",
                "res",
                "uid-1",
                7,
                "flow",
                WITH_DOCUMENT.type(),
                "1.x.x",
                null,
                null,
                null,
                "s3://bucket/flow.yaml",
                null,
                Map.of(),
                "us-east-1",
                WITH_DOCUMENT.deletionPolicy(),
                false,
                ManagementPolicy.Observe,
                AccountRef.OWN),
            OWN_BUILD,
            null,
            "123456789012",
            Observer.UNKNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void reportsTheBuildFound(
      String row,
      DesiredWorkflow desired,
      String arn,
      String awsContentHash,
      String owner,
      String content) {
    Outcome outcome = Observer.report(desired, Optional.of(build(arn, false)), awsContentHash);

    assertThat(outcome.progress()).isEqualTo(Outcome.Progress.READY);
    assertThat(outcome.reason()).isEqualTo(Reason.Observed);
    assertThat(outcome.build().arn()).isEqualTo(arn);
    assertThat(outcome.observed().found()).isTrue();
    assertThat(outcome.observed().owner()).isEqualTo(owner);
    assertThat(outcome.observed().content()).isEqualTo(content);
    assertThat(outcome.observed().tags()).containsEntry("managed-by", "terraform");
    assertThat(outcome.plan()).isNull();
  }

  @Test
  void aDeprecatedBuildIsStillObservedAndSaysSo() {
    Outcome outcome = Observer.report(NO_CONTENT, Optional.of(build(OWN_BUILD, true)), null);
    assertThat(outcome.build().deprecated()).isTrue();
    assertThat(outcome.message()).contains("(DEPRECATED)");
  }

  @Test
  void nothingFoundIsNotFoundAndForgetsTheCurrentBuild() {
    Outcome outcome = Observer.report(NO_CONTENT, Optional.empty(), null);
    assertThat(outcome.progress()).isEqualTo(Outcome.Progress.STALLED);
    assertThat(outcome.reason()).isEqualTo(Reason.NotFound);
    assertThat(outcome.message()).contains("BUILD workflow flow matching version 1.x.x");
    assertThat(outcome.observed().found()).isFalse();
    assertThat(outcome.build()).isNull();
  }

  private static DesiredWorkflow observe(String data) {
    return PlannerTest.desired("1.x.x", data, Map.of(), false, ManagementPolicy.Observe);
  }

  private static ObservedBuild build(String arn, boolean deprecated) {
    return new ObservedBuild(
        arn, "1.2.0", 4, deprecated, Map.of("managed-by", "terraform"), "2026-01-01T00:00:00.000Z");
  }
}
