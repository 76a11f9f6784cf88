package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5, promise 8: drift found at the next (short, for the test) drift check. */
class DriftIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube, Duration.ofSeconds(2), 50);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void aBuildDeletedOutsideTheOperatorIsCreatedAgain() {
    workflows.create(workflow("drift", "drift-flow", "1.0.0", document("v1")));
    String first =
        workflows.awaitReady("drift", "True", "Created").getStatus().getWorkflowBuildVersionArn();

    emu.deleteOutOfBand(first);

    ImageBuilderWorkflow recreated = workflows.awaitReady("drift", "True", "Recreated");
    assertThat(recreated.getStatus().getWorkflowBuildVersionArn()).endsWith("/drift-flow/1.0.0/2");
    assertThat(Workflows.builds(emu, "drift-flow")).hasSize(1);
    // the event follows the status write
    org.awaitility.Awaitility.await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () ->
                kube.client().v1().events().inNamespace(kube.namespace()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "Recreated".equals(e.getReason())
                                && "drift".equals(e.getInvolvedObject().getName())));
  }

  @Test
  void theNewestBuildDeletedWhileAnOlderOneRemainsIsCreatedAgainNotAnsweredFromTheOldToken() {
    workflows.create(workflow("newest", "newest-flow", "1.0.0", document("v1")));
    workflows.awaitReady("newest", "True", "Created");
    workflows.edit("newest", s -> s.setData(document("v2")));
    String second =
        workflows.awaitReady("newest", "True", "NewBuild").getStatus().getWorkflowBuildVersionArn();
    assertThat(second).endsWith("/newest-flow/1.0.0/2");

    emu.deleteOutOfBand(second);

    ImageBuilderWorkflow recreated = workflows.awaitReady("newest", "True", "Recreated");
    String arn = recreated.getStatus().getWorkflowBuildVersionArn();
    assertThat(Workflows.builds(emu, "newest-flow")).extracting(b -> b.arn()).contains(arn);
    assertThat(arn).endsWith("/newest-flow/1.0.0/3");
  }

  @Test
  void aVersionRolledBackAfterItsBuildWasDeletedOutsideIsCreatedAgain() {
    workflows.create(workflow("rollback", "rollback-flow", "1.0.0", document("v1")));
    String first =
        workflows
            .awaitReady("rollback", "True", "Created")
            .getStatus()
            .getWorkflowBuildVersionArn();
    workflows.edit(
        "rollback",
        s -> {
          s.setSemanticVersion("2.0.0");
          s.setData(document("v2"));
        });
    workflows.await(
        "rollback",
        r ->
            Workflows.has(r, "Ready", "True", "Created")
                && r.getStatus().getWorkflowBuildVersionArn().endsWith("/2.0.0/1"));
    emu.deleteOutOfBand(first);

    workflows.edit(
        "rollback",
        s -> {
          s.setSemanticVersion("1.0.0");
          s.setData(document("v1"));
        });

    ImageBuilderWorkflow back =
        workflows.await(
            "rollback",
            r ->
                Workflows.has(r, "Ready", "True", null)
                    && r.getStatus().getSemanticVersion().equals("1.0.0"));
    String arn = back.getStatus().getWorkflowBuildVersionArn();
    assertThat(Workflows.builds(emu, "rollback-flow")).extracting(b -> b.arn()).contains(arn);
    assertThat(arn).endsWith("/rollback-flow/1.0.0/2");
  }

  @Test
  void aDeprecatedBuildIsReportedAndStaysReady() {
    workflows.create(workflow("old", "old-flow", "1.0.0", document("v1")));
    String arn =
        workflows.awaitReady("old", "True", "Created").getStatus().getWorkflowBuildVersionArn();

    emu.deprecate(arn);

    ImageBuilderWorkflow deprecated = workflows.awaitReady("old", "True", "Deprecated");
    assertThat(deprecated.getStatus().getState()).isEqualTo("DEPRECATED");
    assertThat(deprecated.getStatus().getWorkflowBuildVersionArn()).isEqualTo(arn);
    assertThat(Workflows.builds(emu, "old-flow")).hasSize(1);

    workflows.edit("old", s -> s.setData(document("v2")));
    ImageBuilderWorkflow next = workflows.awaitReady("old", "True", "NewBuild");
    assertThat(next.getStatus().getState()).isNull(); // the new build is active
  }

  @Test
  void driftChecksReadAtMostOncePerResourcePerInterval() throws Exception {
    workflows.create(workflow("quiet", "quiet-flow", "1.0.0", document("v1")));
    workflows.awaitReady("quiet", "True", "Created");
    long resources =
        kube.client()
            .resources(ImageBuilderWorkflow.class)
            .inNamespace(kube.namespace())
            .list()
            .getItems()
            .size();
    long before = emu.counters().total("ListWorkflowBuildVersions");
    Thread.sleep(6_000); // three intervals of 2 s (jittered by 10%)
    long reads = emu.counters().total("ListWorkflowBuildVersions") - before;
    assertThat(reads).isPositive().isLessThanOrEqualTo(resources * 4);
  }
}
