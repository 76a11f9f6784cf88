package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.reconcile.WorkflowReconciler;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, promise 10: a finalizer guards deletion; Delete, Retain, DeleteBlocked and switching to
 * Retain; a finalizer taken away by hand is put back.
 */
class DeletionIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void deleteRemovesEveryBuildTheResourceCreatedThenTheResource() {
    workflows.create(workflow("doomed", "doomed-flow", "1.0.0", document("v1")));
    workflows.awaitReady("doomed", "True", "Created");
    assertThat(workflows.get("doomed").getMetadata().getFinalizers()).isNotEmpty();
    workflows.edit(
        "doomed",
        s -> {
          s.setSemanticVersion("2.0.0");
          s.setData(document("v2"));
        });
    workflows.awaitReady("doomed", "True", "Created");
    workflows.edit("doomed", s -> s.setData(document("v2 again")));
    workflows.awaitReady("doomed", "True", "NewBuild");
    assertThat(Workflows.builds(emu, "doomed-flow")).hasSize(3);

    workflows.named("doomed").delete();

    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("doomed") == null);
    assertThat(Workflows.builds(emu, "doomed-flow")).isEmpty();
  }

  @Test
  void retainLeavesTheBuilds() {
    ImageBuilderWorkflow resource = workflow("kept", "kept-flow", "1.0.0", document("v1"));
    resource.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    workflows.create(resource);
    workflows.awaitReady("kept", "True", "Created");

    workflows.named("kept").delete();

    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("kept") == null);
    assertThat(Workflows.builds(emu, "kept-flow")).hasSize(1);
  }

  @Test
  void aBuildInUseBlocksDeletionUntilThePolicyBecomesRetain() {
    workflows.create(workflow("busy", "busy-flow", "1.0.0", document("v1")));
    String arn =
        workflows.awaitReady("busy", "True", "Created").getStatus().getWorkflowBuildVersionArn();
    emu.markInUse(arn, true);

    workflows.named("busy").delete();

    ImageBuilderWorkflow blocked = workflows.awaitReason("busy", "DeleteBlocked");
    assertThat(Workflows.condition(blocked, "Ready").orElseThrow().getMessage()).contains(arn);
    assertThat(blocked.getMetadata().getFinalizers()).isNotEmpty();
    // the event follows the status write
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                kube.client().v1().events().inNamespace(kube.namespace()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "DeleteBlocked".equals(e.getReason())
                                && "busy".equals(e.getInvolvedObject().getName())));

    workflows.edit("busy", s -> s.setDeletionPolicy(DeletionPolicy.Retain));

    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("busy") == null);
    assertThat(Workflows.builds(emu, "busy-flow")).hasSize(1);
  }

  @Test
  void aBlockedDeletionFinishesWhenTheBuildIsFreed() {
    workflows.create(workflow("freed", "freed-flow", "1.0.0", document("v1")));
    String arn =
        workflows.awaitReady("freed", "True", "Created").getStatus().getWorkflowBuildVersionArn();
    emu.markInUse(arn, true);
    workflows.named("freed").delete();
    workflows.awaitReason("freed", "DeleteBlocked");

    emu.markInUse(arn, false);

    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("freed") == null);
    assertThat(Workflows.builds(emu, "freed-flow")).isEmpty();
  }

  @Test
  void aFinalizerTakenAwayIsPutBackAtOnce() {
    workflows.create(workflow("guarded", "guarded-flow", "1.0.0", document("v1")));
    workflows.awaitReady("guarded", "True", "Created");
    assertThat(workflows.get("guarded").hasFinalizer(WorkflowReconciler.FINALIZER)).isTrue();

    workflows
        .named("guarded")
        .edit(
            r -> {
              r.getMetadata().setFinalizers(List.of());
              return r;
            });

    // The drift interval is 10 minutes: only the update's event can bring it back this soon.
    await()
        .atMost(Workflows.TIMEOUT)
        .until(() -> workflows.get("guarded").hasFinalizer(WorkflowReconciler.FINALIZER));
    workflows.named("guarded").delete();
    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("guarded") == null);
    assertThat(Workflows.builds(emu, "guarded-flow")).isEmpty();
  }
}
