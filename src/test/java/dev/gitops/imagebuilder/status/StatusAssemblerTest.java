package dev.gitops.imagebuilder.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusAssemblerTest {
  private static final String ARN =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/1.0.0/";
  private final StatusAssembler assembler = new StatusAssembler();
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Instant t1 = Instant.parse("2026-01-01T01:00:00Z");

  @Test
  void createdBuildFillsStatus() {
    ImageBuilderWorkflowStatus s = assembler.next(null, 1, created(1), t0);
    assertThat(s.getWorkflowBuildVersionArn()).isEqualTo(ARN + 1);
    assertThat(s.getBuildVersion()).isEqualTo(1);
    assertThat(s.getSemanticVersion()).isEqualTo("1.0.0");
    assertThat(s.getContentHash()).isEqualTo("h1");
    assertThat(s.getState()).isNull();
    assertThat(s.getObservedGeneration()).isEqualTo(1);
    assertThat(s.getLatestVersionReferences().getLatestPatchVersionArn())
        .isEqualTo(ARN.replaceAll("/$", ""));
    assertThat(s.getHistory()).extracting("workflowBuildVersionArn").containsExactly(ARN + 1);
    assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Ready").getReason()).isEqualTo("Created");
    assertThat(condition(s, "Ready").getObservedGeneration()).isEqualTo(1);
    assertThat(condition(s, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(condition(s, "Stalled").getStatus()).isEqualTo("False");
  }

  @Test
  void aPruningRoundMarksDeletedBuildsAndListsThoseInUse() {
    ImageBuilderWorkflowStatus two =
        assembler.next(
            assembler.next(null, 1, created(1), t0),
            1,
            Outcome.ready(Reason.NewBuild, "n", build(2, "h2")),
            t0);
    ImageBuilderWorkflowStatus pruned =
        assembler.next(
            two,
            1,
            Outcome.ready(Reason.NewBuild, "n", build(3, "h3")),
            new Pruning(java.util.List.of(ARN + 1), java.util.List.of(ARN + 2), null),
            t1);
    assertThat(pruned.getHistory())
        .filteredOn(h -> Boolean.TRUE.equals(h.getPruned()))
        .extracting("workflowBuildVersionArn")
        .containsExactly(ARN + 1);
    assertThat(pruned.getBlockedBuilds()).containsExactly(ARN + 2);

    ImageBuilderWorkflowStatus freed =
        assembler.next(
            pruned, 1, Outcome.ready(Reason.UpToDate, "u", build(3, "h3")), Pruning.NONE, t1);
    assertThat(freed.getBlockedBuilds()).isNull();
    ImageBuilderWorkflowStatus untouched =
        assembler.next(pruned, 1, Outcome.ready(Reason.UpToDate, "u", build(3, "h3")), t1);
    assertThat(untouched.getBlockedBuilds()).containsExactly(ARN + 2);
  }

  @Test
  void transitionTimeMovesOnlyWhenStatusChanges() {
    ImageBuilderWorkflowStatus ready = assembler.next(null, 1, created(1), t0);
    ImageBuilderWorkflowStatus newBuild =
        assembler.next(ready, 2, Outcome.ready(Reason.NewBuild, "new", build(2, "h2")), t1);
    assertThat(condition(newBuild, "Ready").getLastTransitionTime()).isEqualTo(t0.toString());
    assertThat(condition(newBuild, "Ready").getReason()).isEqualTo("NewBuild");
    assertThat(newBuild.getHistory()).hasSize(2);
    ImageBuilderWorkflowStatus failing =
        assembler.next(newBuild, 3, Outcome.reconciling(Reason.AwsUnavailable, "503"), t1);
    assertThat(condition(failing, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(failing, "Ready").getLastTransitionTime()).isEqualTo(t1.toString());
    assertThat(condition(failing, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(failing.getWorkflowBuildVersionArn()).isEqualTo(ARN + 2); // what exists stays shown
  }

  @Test
  void aDriftCheckThatCannotReachAwsLeavesReadyAsItWasAndSaysItIsRetrying() {
    ImageBuilderWorkflowStatus ready = assembler.next(null, 1, created(1), t0);
    for (Reason failure : List.of(Reason.AwsUnavailable, Reason.Throttled)) {
      ImageBuilderWorkflowStatus checking =
          assembler.next(ready, 1, Outcome.reconciling(failure, "later"), t1);
      assertThat(condition(checking, "Ready").getStatus()).isEqualTo("True");
      assertThat(condition(checking, "Ready").getReason()).isEqualTo("Created");
      assertThat(condition(checking, "Ready").getLastTransitionTime()).isEqualTo(t0.toString());
      assertThat(condition(checking, "Reconciling").getStatus()).isEqualTo("True");
      assertThat(condition(checking, "Reconciling").getReason()).isEqualTo(failure.name());
      ImageBuilderWorkflowStatus recovered =
          assembler.next(checking, 1, Outcome.ready(Reason.UpToDate, "u", build(1, "h1")), t1);
      assertThat(condition(recovered, "Ready").getReason()).isEqualTo("Created");
      assertThat(condition(recovered, "Reconciling").getStatus()).isEqualTo("False");
    }
    // Anything that says something about the build still turns Ready False.
    ImageBuilderWorkflowStatus gone =
        assembler.next(ready, 1, Outcome.reconciling(Reason.BuildNotFound, "gone"), t1);
    assertThat(condition(gone, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void aPlanStaysThroughTransientFailuresAndGoesWithTheNextManagedOutcome() {
    Outcome.PlanReport report =
        new Outcome.PlanReport(
            "Create", 2, "1.0.0", 2, ARN + 2, Map.of(), List.of(), List.of(), "Passed", "m", "h2");
    ImageBuilderWorkflowStatus planned =
        assembler.next(
            assembler.next(null, 1, created(1), t0),
            2,
            Outcome.ready(Reason.PlanReady, "would create", null).withPlan(report),
            t1);
    assertThat(planned.getPlan().getAction()).isEqualTo("Create");
    assertThat(planned.getPlan().getTagsToAdd()).isNull();
    assertThat(planned.getWorkflowBuildVersionArn()).isEqualTo(ARN + 1);

    ImageBuilderWorkflowStatus failing =
        assembler.next(planned, 2, Outcome.reconciling(Reason.Throttled, "429"), t1);
    assertThat(failing.getPlan().getGeneration()).isEqualTo(2);

    ImageBuilderWorkflowStatus applied =
        assembler.next(failing, 3, Outcome.ready(Reason.NewBuild, "new", build(2, "h2")), t1);
    assertThat(applied.getPlan()).isNull();
  }

  @Test
  void anObservedWorkflowThatIsGoneLeavesNoCurrentBuildButItsHistory() {
    ImageBuilderWorkflowStatus observed =
        assembler.next(
            null,
            1,
            Outcome.ready(Reason.Observed, "observed", build(1, null))
                .withObserved(
                    new Outcome.ObservedReport(true, "aws", Map.of("k", "v"), null, null)),
            t0);
    assertThat(observed.getObserved().getOwner()).isEqualTo("aws");

    ImageBuilderWorkflowStatus gone =
        assembler.next(
            observed,
            1,
            Outcome.stalled(Reason.NotFound, "gone").withObserved(Outcome.ObservedReport.NOTHING),
            t1);
    assertThat(gone.getObserved()).isNull();
    assertThat(gone.getWorkflowBuildVersionArn()).isNull();
    assertThat(gone.getBuildVersion()).isNull();
    assertThat(gone.getLatestVersionReferences()).isNull();
    assertThat(gone.getHistory()).extracting("workflowBuildVersionArn").containsExactly(ARN + 1);
  }

  @Test
  void upToDateKeepsTheReasonAndIsNoChange() {
    ImageBuilderWorkflowStatus ready = assembler.next(null, 1, created(1), t0);
    ready.setLastSyncTime(t0.toString());
    ImageBuilderWorkflowStatus again =
        assembler.next(ready, 1, Outcome.ready(Reason.UpToDate, "up to date", build(1, "h1")), t1);
    assertThat(condition(again, "Ready").getReason()).isEqualTo("Created");
    assertThat(assembler.same(ready, again)).isTrue();
  }

  @Test
  void stalledAndDeprecated() {
    ImageBuilderWorkflowStatus stalled =
        assembler.next(null, 1, Outcome.stalled(Reason.ConfigMapNotFound, "missing"), t0);
    assertThat(condition(stalled, "Stalled").getStatus()).isEqualTo("True");
    assertThat(condition(stalled, "Ready").getReason()).isEqualTo("ConfigMapNotFound");
    assertThat(stalled.getWorkflowBuildVersionArn()).isNull();
    Outcome.RecordedBuild deprecated =
        new Outcome.RecordedBuild(ARN + 1, "1.0.0", 1, "h1", true, "d");
    ImageBuilderWorkflowStatus s =
        assembler.next(null, 1, Outcome.ready(Reason.Deprecated, "dep", deprecated), t0);
    assertThat(s.getState()).isEqualTo("DEPRECATED");
    assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void historyIsBounded() {
    ImageBuilderWorkflowStatus s = null;
    for (int i = 1; i <= StatusAssembler.MAX_HISTORY + 5; i++) {
      s = assembler.next(s, i, Outcome.ready(Reason.NewBuild, "n", build(i, "h" + i)), t0);
    }
    assertThat(s.getHistory()).hasSize(StatusAssembler.MAX_HISTORY);
    assertThat(s.getHistory().get(0).getWorkflowBuildVersionArn())
        .isEqualTo(ARN + (StatusAssembler.MAX_HISTORY + 5));
  }

  private static Outcome created(int n) {
    return Outcome.ready(Reason.Created, "created", build(n, "h" + n));
  }

  private static Outcome.RecordedBuild build(int n, String hash) {
    return new Outcome.RecordedBuild(ARN + n, "1.0.0", n, hash, false, "2026-01-01T00:00:00.000Z");
  }

  private static Condition condition(ImageBuilderWorkflowStatus s, String type) {
    return Conditions.find(s.getConditions(), type).orElseThrow();
  }
}
