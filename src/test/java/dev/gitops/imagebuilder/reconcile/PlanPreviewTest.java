package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.aws.DryRunVerdict;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per planner action: what a plan reports instead of carrying it out. */
class PlanPreviewTest {
  private static final String V1 =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/1.0.0/";
  private static final DesiredWorkflow PLAN =
      PlannerTest.desired("1.0.0", "doc-v1", Map.of("team", "b"), false, ManagementPolicy.Plan);
  private static final DryRunVerdict PASSED =
      new DryRunVerdict(
          true, null, "Request would have succeeded, but the DryRun parameter was set.");
  private static final DryRunVerdict REFUSED =
      new DryRunVerdict(
          false, "InvalidRequestException", "every workflow step needs a name and an action");

  static Stream<Arguments> rows() {
    ObservedBuild build2 = ours(2);
    return Stream.of(
        Arguments.of(
            "create passed: PlanReady, build 3",
            new Action.Create(Reason.NewBuild, V1 + 2),
            PASSED,
            Outcome.Progress.READY,
            Reason.PlanReady,
            "Create",
            "would create 1.0.0 as build 1.0.0/3; CreateWorkflow dry run passed"),
        Arguments.of(
            "create refused: PlanFailed with the service's words",
            new Action.Create(Reason.Created, ""),
            REFUSED,
            Outcome.Progress.STALLED,
            Reason.PlanFailed,
            "Create",
            "would create 1.0.0 as build 1.0.0/1, but CreateWorkflow refuses it:"
                + " InvalidRequestException: every workflow step needs a name and an action"),
        Arguments.of(
            "re-tag",
            new Action.Retag(
                new Action.Record(build2, Reason.UpToDate), Map.of("team", "b"), Set.of("old")),
            null,
            Outcome.Progress.READY,
            Reason.PlanReady,
            "Retag",
            "would re-tag " + V1 + "2: add or change [team], remove [old]"),
        Arguments.of(
            "adopt",
            new Action.Adopt(List.of(unowned(2), unowned(1))),
            null,
            Outcome.Progress.READY,
            Reason.PlanReady,
            "Adopt",
            "would adopt [" + V1 + "2, " + V1 + "1] (tag them as owned by ns/res)"),
        Arguments.of(
            "conflict",
            new Action.Conflict(Reason.AlreadyExists, V1 + "1 already exists"),
            null,
            Outcome.Progress.STALLED,
            Reason.PlanFailed,
            "Conflict",
            "would stop: " + V1 + "1 already exists"),
        Arguments.of(
            "nothing",
            new Action.Record(build2, Reason.UpToDate),
            null,
            Outcome.Progress.READY,
            Reason.PlanReady,
            "Nothing",
            "nothing to do: " + V1 + "2 matches the spec"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void reportsWhatWouldHappen(
      String row,
      Action action,
      DryRunVerdict verdict,
      Outcome.Progress progress,
      Reason reason,
      String planned,
      String message) {
    Outcome outcome = PlanPreview.report(PLAN, action, verdict);

    assertThat(outcome.progress()).isEqualTo(progress);
    assertThat(outcome.reason()).isEqualTo(reason);
    assertThat(outcome.message()).startsWith(message);
    assertThat(outcome.plan().action()).isEqualTo(planned);
    assertThat(outcome.plan().message()).isEqualTo(outcome.message());
    assertThat(outcome.plan().generation()).isEqualTo(7);
    assertThat(outcome.plan().contentHash()).isEqualTo(PLAN.contentHash());
    assertThat(outcome.observed()).isNull();
  }

  @Test
  void aCreatePlanNamesTheBuildAndTheVerdictAndRecordsNoBuild() {
    Outcome outcome = PlanPreview.report(PLAN, new Action.Create(Reason.NewBuild, V1 + 2), PASSED);
    assertThat(outcome.build()).isNull();
    assertThat(outcome.plan().buildVersion()).isEqualTo(3);
    assertThat(outcome.plan().arn()).isEqualTo(V1 + 3);
    assertThat(outcome.plan().dryRunVerdict()).isEqualTo("Passed");
    assertThat(PlanPreview.report(PLAN, new Action.Create(Reason.Created, ""), REFUSED).plan())
        .satisfies(
            p -> {
              assertThat(p.dryRunVerdict()).isEqualTo("Refused");
              assertThat(p.arn()).isNull();
            });
  }

  @Test
  void aRetagPlanListsTheExactKeysAndShowsTheExistingBuild() {
    Outcome outcome =
        PlanPreview.report(
            PLAN,
            new Action.Retag(
                new Action.Record(ours(2), Reason.UpToDate),
                Map.of("team", "b", "env", "prod"),
                Set.of("old")),
            null);
    assertThat(outcome.plan().tagsToAdd())
        .containsOnly(Map.entry("team", "b"), Map.entry("env", "prod"));
    assertThat(outcome.plan().tagsToRemove()).containsExactly("old");
    assertThat(outcome.build().arn()).isEqualTo(V1 + 2);
  }

  @Test
  void aPlanIgnoresTheUidTagSoAPreviewResourcePlansWhatTheOriginalWould() {
    Action.Record record = new Action.Record(ours(2), Reason.UpToDate);
    assertThat(
            PlanPreview.withoutUidTag(
                new Action.Retag(record, Map.of(Ownership.UID_TAG, "uid-2"), Set.of())))
        .isEqualTo(record);
    assertThat(
            PlanPreview.withoutUidTag(
                new Action.Retag(
                    record, Map.of(Ownership.UID_TAG, "uid-2", "team", "b"), Set.of("old"))))
        .isEqualTo(new Action.Retag(record, Map.of("team", "b"), Set.of("old")));
    Action.Create create = new Action.Create(Reason.Created, "");
    assertThat(PlanPreview.withoutUidTag(create)).isSameAs(create);
  }

  private static ObservedBuild ours(int build) {
    Map<String, String> tags = new HashMap<>(PLAN.buildTags());
    tags.put("old", "x");
    tags.put(Ownership.CONTENT_HASH_TAG, PLAN.contentHash());
    return new ObservedBuild(V1 + build, "1.0.0", build, false, tags, "2026-01-01T00:00:00.000Z");
  }

  private static ObservedBuild unowned(int build) {
    return new ObservedBuild(
        V1 + build, "1.0.0", build, false, Map.of(), "2026-01-01T00:00:00.000Z");
  }
}
