package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One workflow, one resource: who holds a workflow, by row. */
class WorkflowClaimTest {
  private static final String ARN =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/";
  private static final DesiredWorkflow ME = PlannerTest.desired("1.0.0", "doc", Map.of(), false);

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("no builds: free", List.of(), null),
        Arguments.of("only unowned builds: free", List.of(build(null, "2.0.0/1", "T10")), null),
        Arguments.of("only my builds: mine", List.of(build("ns/res", "2.0.0/1", "T10")), null),
        Arguments.of(
            "another resource's build of another version: conflict naming it",
            List.of(build("team-b/flow", "3.0.0/1", "T10")),
            "team-b/flow"),
        Arguments.of(
            "both own builds, mine is earlier: mine",
            List.of(build("team-b/flow", "3.0.0/1", "T11"), build("ns/res", "1.0.0/1", "T10")),
            null),
        Arguments.of(
            "both own builds, theirs is earlier: conflict",
            List.of(build("ns/res", "1.0.0/1", "T11"), build("team-b/flow", "3.0.0/1", "T10")),
            "team-b/flow"),
        Arguments.of(
            "created in the same millisecond: the lower ARN decides, the same for both",
            List.of(build("ns/res", "1.0.0/2", "T10"), build("team-b/flow", "1.0.0/1", "T10")),
            "team-b/flow"),
        Arguments.of(
            "another namespace, same name: another resource",
            List.of(build("other-ns/res", "1.0.0/1", "T10")),
            "other-ns/res"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decidesWhoHoldsTheWorkflow(String row, List<ObservedBuild> builds, String holder) {
    Optional<Action.Conflict> conflict = WorkflowClaim.conflict(ME, builds);
    if (holder == null) {
      assertThat(conflict).isEmpty();
    } else {
      assertThat(conflict).get().extracting(Action.Conflict::reason).isEqualTo(Reason.OwnedByOther);
      assertThat(conflict.get().message()).contains("ImageBuilderWorkflow " + holder, ARN);
    }
  }

  private static ObservedBuild build(String owner, String versionAndBuild, String minute) {
    String[] parts = versionAndBuild.split("/");
    Map<String, String> tags =
        owner == null
            ? Map.of()
            : Map.of(
                Ownership.NAMESPACE_TAG,
                owner.split("/")[0],
                Ownership.NAME_TAG,
                owner.split("/")[1]);
    return new ObservedBuild(
        ARN + versionAndBuild,
        parts[0],
        Integer.parseInt(parts[1]),
        false,
        tags,
        "2026-01-01" + minute.replace("T", "T00:") + ":00.000Z");
  }

  static Stream<Arguments> holdings() {
    String own = "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/1.0.0/1";
    return Stream.of(
        Arguments.of("no build recorded", null, ME, false),
        Arguments.of("a build of this workflow", own, ME, true),
        Arguments.of(
            "another workflow name",
            "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/other/1.0.0/1",
            ME,
            false),
        Arguments.of(
            "another type",
            "arn:aws:imagebuilder:us-east-1:123456789012:workflow/test/flow/1.0.0/1",
            ME,
            false),
        Arguments.of(
            "another region",
            "arn:aws:imagebuilder:eu-west-1:123456789012:workflow/build/flow/1.0.0/1",
            ME,
            false),
        Arguments.of(
            "the mapped role's account",
            "arn:aws:imagebuilder:us-east-1:111111111111:workflow/build/flow/1.0.0/1",
            ME.in(AccountRef.role("arn:aws:iam::111111111111:role/r", null, "ns")),
            true),
        Arguments.of(
            "another account than the mapped role's",
            own,
            ME.in(AccountRef.role("arn:aws:iam::111111111111:role/r", null, "ns")),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("holdings")
  void aResourceWhoseStatusRecordsABuildOfTheWorkflowHoldsIt(
      String title, String recorded, DesiredWorkflow desired, boolean held) {
    StatusView status =
        recorded == null
            ? StatusView.EMPTY
            : new StatusView(1L, recorded, "1.0.0", "h", List.of(recorded));
    assertThat(WorkflowClaim.heldBy(status, desired)).isEqualTo(held);
  }

  static Stream<Arguments> firstBuilds() {
    return Stream.of(
        Arguments.of("build 1 of the only version: first", "1.0.0/1", List.of("1.0.0"), true),
        Arguments.of("build 2 of the only version: not first", "1.0.0/2", List.of("1.0.0"), false),
        Arguments.of(
            "build 1, another version listed too: look at its builds",
            "1.0.0/1",
            List.of("2.0.0", "1.0.0"),
            false),
        Arguments.of(
            "build 1, only another version listed: look at its builds",
            "1.0.0/1",
            List.of("2.0.0"),
            false),
        Arguments.of("the new version not listed yet: look again", "1.0.0/1", List.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firstBuilds")
  void aCreatedBuildIsTheWorkflowsFirstOnlyAsBuildOneOfItsOnlyVersion(
      String title, String created, List<String> versions, boolean first) {
    String[] parts = created.split("/");
    Outcome.RecordedBuild build =
        new Outcome.RecordedBuild(
            ARN + created, parts[0], Integer.parseInt(parts[1]), "h", false, null);
    List<String> versionArns = versions.stream().map(v -> ARN + v).toList();
    assertThat(WorkflowClaim.firstOfWorkflow(build, versionArns)).isEqualTo(first);
  }
}
