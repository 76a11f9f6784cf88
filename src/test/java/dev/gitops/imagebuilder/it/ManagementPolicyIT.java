package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.api.PlanStatus;
import dev.gitops.imagebuilder.emulator.Counters;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * managementPolicy end to end: Plan shows what applying would do and writes nothing, Observe reads
 * workflows made elsewhere (AWS's own included) and writes nothing, deletion under either touches
 * nothing in AWS. Drift checks every 2 seconds so that out-of-band changes show quickly.
 */
class ManagementPolicyIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube, Duration.ofSeconds(2), 50);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void aPlanOfChangedContentPlansTheNextBuildAndManageCreatesExactlyIt() {
    workflows.create(workflow("planned", "planned-flow", "1.0.0", document("v1")));
    workflows.awaitReady("planned", "True", "Created");
    workflows.edit("planned", s -> s.setData(document("v2")));
    workflows.awaitReady("planned", "True", "NewBuild");
    long writes = writes();
    long creates = emu.counters().get("CreateWorkflow", Counters.OK);
    long dryRuns = emu.counters().get("CreateWorkflow", "DryRunOperationException");

    workflows.edit(
        "planned",
        s -> {
          s.setData(document("v3"));
          s.setManagementPolicy(ManagementPolicy.Plan);
        });

    ImageBuilderWorkflow planned = workflows.awaitReady("planned", "True", "PlanReady");
    PlanStatus plan = planned.getStatus().getPlan();
    assertThat(plan.getAction()).isEqualTo("Create");
    assertThat(plan.getBuildVersion()).isEqualTo(3);
    assertThat(plan.getWorkflowBuildVersionArn()).endsWith("/planned-flow/1.0.0/3");
    assertThat(plan.getDryRunVerdict()).isEqualTo("Passed");
    assertThat(plan.getGeneration()).isEqualTo(planned.getMetadata().getGeneration());
    assertThat(Workflows.condition(planned, "Ready").orElseThrow().getMessage())
        .startsWith("would create 1.0.0 as build 1.0.0/3");
    assertThat(planned.getStatus().getWorkflowBuildVersionArn()).endsWith("/1.0.0/2");
    assertThat(emu.counters().get("CreateWorkflow", "DryRunOperationException"))
        .isGreaterThan(dryRuns);
    assertThat(writes()).isEqualTo(writes);
    assertThat(Workflows.builds(emu, "planned-flow")).hasSize(2);

    workflows.edit("planned", s -> s.setManagementPolicy(ManagementPolicy.Manage));

    ImageBuilderWorkflow applied = workflows.awaitReady("planned", "True", "NewBuild");
    assertThat(applied.getStatus().getWorkflowBuildVersionArn()).endsWith("/planned-flow/1.0.0/3");
    assertThat(applied.getStatus().getPlan()).isNull();
    assertThat(Workflows.builds(emu, "planned-flow")).hasSize(3);
    assertThat(emu.counters().get("CreateWorkflow", Counters.OK)).isEqualTo(creates + 1);
  }

  @Test
  void aPlanTheServiceRefusesIsPlanFailedWithItsMessageAndNothingExists() {
    long writes = writes();
    ImageBuilderWorkflow resource =
        workflow(
            "refused",
            "refused-flow",
            "1.0.0",
            "schemaVersion: 1.0\nsteps:\n  - name: NoAction\n    onFailure: Abort\n");
    resource.getSpec().setManagementPolicy(ManagementPolicy.Plan);
    workflows.create(resource);

    ImageBuilderWorkflow failed = workflows.awaitReady("refused", "False", "PlanFailed");
    assertThat(Workflows.condition(failed, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(Workflows.condition(failed, "Ready").orElseThrow().getMessage())
        .contains("CreateWorkflow refuses it: InvalidRequestException")
        .contains("every workflow step needs a name and an action");
    assertThat(failed.getStatus().getPlan().getDryRunVerdict()).isEqualTo("Refused");
    assertThat(failed.getStatus().getPlan().getBuildVersion()).isEqualTo(1);
    assertThat(Workflows.builds(emu, "refused-flow")).isEmpty();
    assertThat(writes()).isEqualTo(writes);
  }

  @Test
  void aPlanOfTagChangesNamesTheKeysAndWritesNothing() {
    ImageBuilderWorkflow resource = workflow("tagged", "tagged-flow", "1.0.0", document("v1"));
    resource.getSpec().setTags(Map.of("team", "a", "old", "x"));
    workflows.create(resource);
    workflows.awaitReady("tagged", "True", "Created");
    long writes = writes();

    workflows.edit(
        "tagged",
        s -> {
          s.setTags(Map.of("team", "b", "env", "prod"));
          s.setManagementPolicy(ManagementPolicy.Plan);
        });

    ImageBuilderWorkflow planned = workflows.awaitReady("tagged", "True", "PlanReady");
    PlanStatus plan = planned.getStatus().getPlan();
    assertThat(plan.getAction()).isEqualTo("Retag");
    assertThat(plan.getTagsToAdd())
        .containsExactlyInAnyOrderEntriesOf(Map.of("team", "b", "env", "prod"));
    assertThat(plan.getTagsToRemove()).containsExactly("old");
    assertThat(plan.getDryRunVerdict()).isNull();
    assertThat(writes()).isEqualTo(writes);
    assertThat(Workflows.builds(emu, "tagged-flow"))
        .singleElement()
        .satisfies(b -> assertThat(b.tags()).containsEntry("team", "a").containsEntry("old", "x"));
  }

  @Test
  void observingAnAwsOwnedWorkflowByWildcardFillsStatusWithoutWrites() {
    long writes = writes();
    ImageBuilderWorkflow resource = workflow("aws-build", "build-image", "x.x.x", null);
    resource.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    workflows.create(resource);

    ImageBuilderWorkflow observed = workflows.awaitReady("aws-build", "True", "Observed");
    String arn = "arn:aws:imagebuilder:" + emu.region() + ":aws:workflow/build/build-image/1.0.1/1";
    assertThat(observed.getStatus().getWorkflowBuildVersionArn()).isEqualTo(arn);
    assertThat(observed.getStatus().getSemanticVersion()).isEqualTo("1.0.1");
    assertThat(observed.getStatus().getBuildVersion()).isEqualTo(1);
    assertThat(observed.getStatus().getLatestVersionReferences().getLatestVersionArn())
        .endsWith(":aws:workflow/build/build-image/x.x.x");
    assertThat(observed.getStatus().getHistory())
        .extracting(h -> h.getWorkflowBuildVersionArn())
        .containsExactly(arn);
    assertThat(observed.getStatus().getObserved().getOwner()).isEqualTo("aws");
    assertThat(observed.getStatus().getObserved().getContent()).isNull();
    assertThat(writes()).isEqualTo(writes);
  }

  @Test
  void observingABuildMadeByAnotherToolFollowsItsOutOfBandChanges() {
    String first = createOutsideTheOperator("terraform-flow", document("tf v1"), "tf-1");
    String second = createOutsideTheOperator("terraform-flow", document("tf v2"), "tf-2");
    long writes = writes();
    ImageBuilderWorkflow resource =
        workflow("terraform", "terraform-flow", "1.x.x", document("tf v2"));
    resource.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    workflows.create(resource);

    ImageBuilderWorkflow observed = workflows.awaitReady("terraform", "True", "Observed");
    assertThat(observed.getStatus().getWorkflowBuildVersionArn()).isEqualTo(second);
    assertThat(observed.getStatus().getObserved().getOwner()).isEqualTo(emu.account());
    assertThat(observed.getStatus().getObserved().getTags())
        .containsEntry("managed-by", "terraform");
    assertThat(observed.getStatus().getObserved().getContent()).isEqualTo("InSync");

    emu.deprecate(second);
    workflows.await("terraform", r -> "DEPRECATED".equals(r.getStatus().getState()));

    emu.deleteOutOfBand(second);
    ImageBuilderWorkflow fallenBack =
        workflows.await("terraform", r -> first.equals(r.getStatus().getWorkflowBuildVersionArn()));
    assertThat(fallenBack.getStatus().getState()).isNull();
    assertThat(fallenBack.getStatus().getObserved().getContent()).isEqualTo("Differs");

    emu.deleteOutOfBand(first);
    ImageBuilderWorkflow gone = workflows.awaitReady("terraform", "False", "NotFound");
    assertThat(gone.getStatus().getWorkflowBuildVersionArn()).isNull();
    assertThat(gone.getStatus().getObserved()).isNull();
    assertThat(gone.getStatus().getHistory())
        .extracting(h -> h.getWorkflowBuildVersionArn())
        .contains(first, second);
    assertThat(writes()).isEqualTo(writes);
  }

  @Test
  void fromObserveToManageABuildMadeElsewhereIsTakenOverOnlyThroughTheAdoptAnnotation() {
    String arn = createOutsideTheOperator("migrated-flow", document("by hand"), "hand-1");
    ImageBuilderWorkflow resource =
        workflow("migrated", "migrated-flow", "1.0.0", document("by hand"));
    resource.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    workflows.create(resource);
    assertThat(
            workflows
                .awaitReady("migrated", "True", "Observed")
                .getStatus()
                .getObserved()
                .getContent())
        .isEqualTo("InSync");
    long writes = writes();

    workflows.edit("migrated", s -> s.setManagementPolicy(ManagementPolicy.Manage));

    ImageBuilderWorkflow refused = workflows.awaitReady("migrated", "False", "AlreadyExists");
    assertThat(Workflows.condition(refused, "Ready").orElseThrow().getMessage())
        .contains("imagebuilder.gitops.dev/adopt=true");
    assertThat(writes()).isEqualTo(writes);

    workflows.optInToAdoption("migrated");

    ImageBuilderWorkflow adopted = workflows.awaitReady("migrated", "True", "Adopted");
    assertThat(adopted.getStatus().getWorkflowBuildVersionArn()).isEqualTo(arn);
    assertThat(Workflows.builds(emu, "migrated-flow"))
        .singleElement()
        .satisfies(
            b -> assertThat(b.tags()).containsEntry("imagebuilder.gitops.dev/name", "migrated"));
  }

  @Test
  void deletingAPlanOrObserveResourceDeletesNothingInAws() {
    ImageBuilderWorkflow managed = workflow("kept", "kept-flow", "1.0.0", document("v1"));
    managed.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    workflows.create(managed);
    String arn =
        workflows.awaitReady("kept", "True", "Created").getStatus().getWorkflowBuildVersionArn();
    workflows.edit("kept", s -> s.setManagementPolicy(ManagementPolicy.Plan));
    workflows.awaitReady("kept", "True", "PlanReady");
    ImageBuilderWorkflow observer = workflow("kept-observer", "kept-flow", "1.0.0", null);
    observer.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    observer.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    workflows.create(observer);
    workflows.awaitReady("kept-observer", "True", "Observed");
    long deletes = emu.counters().total("DeleteWorkflow");

    workflows.named("kept").delete();
    workflows.named("kept-observer").delete();

    Awaitility.await()
        .atMost(Workflows.TIMEOUT)
        .until(() -> workflows.get("kept") == null && workflows.get("kept-observer") == null);
    assertThat(Workflows.builds(emu, "kept-flow"))
        .extracting(WorkflowBuild::arn)
        .containsExactly(arn);
    assertThat(emu.counters().total("DeleteWorkflow")).isEqualTo(deletes);
  }

  /** Calls that change AWS, counted across the emulator (dry runs do not change anything). */
  private long writes() {
    Counters c = emu.counters();
    return c.get("CreateWorkflow", Counters.OK)
        + c.total("TagResource")
        + c.total("UntagResource")
        + c.total("DeleteWorkflow");
  }

  private String createOutsideTheOperator(String name, String data, String token) {
    return Workflows.createOutsideTheOperator(
        emu, name, data, token, Map.of("managed-by", "terraform"));
  }
}
