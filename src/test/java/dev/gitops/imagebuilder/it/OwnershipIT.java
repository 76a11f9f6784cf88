package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, promise 6: adoption only on opt-in, other owners never touched, ownership by
 * namespace/name.
 */
class OwnershipIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void aBuildNobodyOwnsIsAdoptedOnlyAfterOptIn() {
    String arn = createOutsideTheOperator("legacy-flow", document("v1"));

    workflows.create(workflow("legacy", "legacy-flow", "1.0.0", document("v1")));
    ImageBuilderWorkflow refused = workflows.awaitReady("legacy", "False", "AlreadyExists");
    assertThat(Workflows.condition(refused, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(Workflows.condition(refused, "Ready").orElseThrow().getMessage())
        .contains(arn)
        .contains("imagebuilder.gitops.dev/adopt=true");
    assertThat(Workflows.builds(emu, "legacy-flow").get(0).tags())
        .doesNotContainKey("imagebuilder.gitops.dev/name");

    workflows.optInToAdoption("legacy");
    ImageBuilderWorkflow adopted = workflows.awaitReady("legacy", "True", "Adopted");
    assertThat(adopted.getStatus().getWorkflowBuildVersionArn()).isEqualTo(arn);
    List<WorkflowBuild> builds = Workflows.builds(emu, "legacy-flow");
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0).tags())
        .containsEntry("imagebuilder.gitops.dev/name", "legacy")
        .containsEntry("imagebuilder.gitops.dev/namespace", kube.namespace());
  }

  @Test
  void anAdoptedBuildWithOtherContentIsKeptAndFollowedByTheNextBuild() {
    String outside = createOutsideTheOperator("differs-flow", document("made elsewhere"));
    long refusals = emu.counters().get("CreateWorkflow", "ResourceInUseException");

    ImageBuilderWorkflow resource = workflow("differs", "differs-flow", "1.0.0", document("ours"));
    resource.getMetadata().setAnnotations(Map.of("imagebuilder.gitops.dev/adopt", "true"));
    workflows.create(resource);

    ImageBuilderWorkflow ready = workflows.awaitReady("differs", "True", "NewBuild");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/differs-flow/1.0.0/2");
    List<WorkflowBuild> builds = Workflows.builds(emu, "differs-flow");
    assertThat(builds)
        .extracting(WorkflowBuild::arn)
        .containsExactlyInAnyOrder(outside, ready.getStatus().getWorkflowBuildVersionArn());
    assertThat(builds)
        .allSatisfy(
            b -> assertThat(b.tags()).containsEntry("imagebuilder.gitops.dev/name", "differs"));
    assertThat(builds)
        .filteredOn(b -> b.arn().equals(outside))
        .singleElement()
        .satisfies(b -> assertThat(b.data()).contains("made elsewhere"));
    assertThat(emu.counters().get("CreateWorkflow", "ResourceInUseException")).isEqualTo(refusals);
  }

  @Test
  void aBuildOwnedByAnotherResourceIsNeverTouched() {
    workflows.create(workflow("first", "shared-flow", "1.0.0", document("v1")));
    workflows.awaitReady("first", "True", "Created");
    long writes = emu.counters().total("CreateWorkflow") + emu.counters().total("TagResource");

    ImageBuilderWorkflow second = workflow("second", "shared-flow", "1.0.0", document("v2"));
    second.getMetadata().setAnnotations(Map.of("imagebuilder.gitops.dev/adopt", "true"));
    workflows.create(second);

    ImageBuilderWorkflow refused = workflows.awaitReady("second", "False", "OwnedByOther");
    assertThat(Workflows.condition(refused, "Ready").orElseThrow().getMessage())
        .contains(kube.namespace() + "/first");
    assertThat(emu.counters().total("CreateWorkflow") + emu.counters().total("TagResource"))
        .isEqualTo(writes);
    assertThat(Workflows.builds(emu, "shared-flow")).hasSize(1);
  }

  @Test
  void aResourceDeletedAndRecreatedUnderTheSameNameKeepsItsBuilds() {
    ImageBuilderWorkflow original = workflow("argo", "argo-flow", "1.0.0", document("v1"));
    original.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    workflows.create(original);
    String arn =
        workflows.awaitReady("argo", "True", "Created").getStatus().getWorkflowBuildVersionArn();
    workflows.named("argo").delete();
    org.awaitility.Awaitility.await()
        .atMost(Workflows.TIMEOUT)
        .until(() -> workflows.get("argo") == null);

    String newUid =
        workflows
            .create(workflow("argo", "argo-flow", "1.0.0", document("v1")))
            .getMetadata()
            .getUid();

    ImageBuilderWorkflow ready = workflows.awaitReady("argo", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).isEqualTo(arn);
    List<WorkflowBuild> builds = Workflows.builds(emu, "argo-flow");
    assertThat(builds).hasSize(1);
    org.awaitility.Awaitility.await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                newUid.equals(
                    Workflows.builds(emu, "argo-flow")
                        .get(0)
                        .tags()
                        .get("imagebuilder.gitops.dev/uid")));
  }

  private String createOutsideTheOperator(String name, String data) {
    return Workflows.createOutsideTheOperator(emu, name, data, "outside-" + name, Map.of());
  }
}
