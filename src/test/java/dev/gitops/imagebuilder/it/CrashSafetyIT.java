package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.Faults;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, promise 5: AWS created it but the operator never saw the answer; still exactly one
 * build.
 */
class CrashSafetyIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @AfterEach
  void clearFaults() {
    emu.faults().reset();
  }

  @Test
  void answerLostAfterCommitIsRetriedWithTheSameTokenAndRecordedOnce() {
    emu.faults().commitThenFail(Operation.CreateWorkflow, 1, Faults.CommitFailure.DROP_CONNECTION);

    workflows.create(workflow("lost-answer", "lost-answer-flow", "1.0.0", document("v1")));

    ImageBuilderWorkflow ready = workflows.awaitReady("lost-answer", "True", "Created");
    assertThat(Workflows.builds(emu, "lost-answer-flow")).hasSize(1);
    assertThat(ready.getStatus().getWorkflowBuildVersionArn())
        .endsWith("/lost-answer-flow/1.0.0/1");
    assertThat(emu.counters().total("CreateWorkflow"))
        .isGreaterThanOrEqualTo(2); // the retry happened
    // The retry in place was answered from its token, not refused as identical content. (That the
    // token is
    // the same across reconciles is what the IdempotencyConflict test below depends on.)
    assertThat(emu.counters().get("CreateWorkflow", "ResourceInUseException")).isZero();
  }

  @Test
  void
      aLostCreateWhoseBuildIsDeletedAndWhoseTagsChangeIsAnIdempotencyConflictUntilTheContentChanges() {
    // The answer is lost and the build is deleted out of band before the operator ever sees it;
    // then the
    // user changes only the tags. The retry has the same token (same content, nothing recorded or
    // seen)
    // with other tags: the service refuses it, and only a change of content (a new token) can move
    // on.
    emu.faults().commitThenFail(Operation.CreateWorkflow, 100, Faults.CommitFailure.SERVER_ERROR);
    ImageBuilderWorkflow resource = workflow("reused", "reused-flow", "1.0.0", document("v1"));
    resource.getSpec().setTags(Map.of("team", "a"));
    workflows.create(resource);
    Workflows.awaitBuilds(emu, "reused-flow", 1);
    emu.faults()
        .failRate(Operation.ListWorkflowBuildVersions, 1.0, Faults.ServerError.SERVICE_UNAVAILABLE)
        .failRate(Operation.ListWorkflows, 1.0, Faults.ServerError.SERVICE_UNAVAILABLE);
    workflows.awaitReady("reused", "False", "AwsUnavailable");
    emu.deleteOutOfBand(Workflows.builds(emu, "reused-flow").get(0).arn());
    workflows.edit("reused", s -> s.setTags(Map.of("team", "b")));
    workflows.awaitReady("reused", "False", "AwsUnavailable");
    emu.faults().reset();

    ImageBuilderWorkflow conflict = workflows.awaitReady("reused", "False", "IdempotencyConflict");
    assertThat(Workflows.condition(conflict, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(Workflows.condition(conflict, "Ready").orElseThrow().getMessage())
        .contains("IdempotentParameterMismatchException")
        .contains("request id");
    assertThat(emu.counters().get("CreateWorkflow", "IdempotentParameterMismatchException"))
        .isEqualTo(1);
    assertThat(Workflows.builds(emu, "reused-flow")).isEmpty();

    workflows.edit("reused", s -> s.setData(document("v2")));

    ImageBuilderWorkflow ready = workflows.awaitReady("reused", "True", "Created");
    assertThat(Workflows.builds(emu, "reused-flow"))
        .singleElement()
        .satisfies(
            b -> assertThat(b.arn()).isEqualTo(ready.getStatus().getWorkflowBuildVersionArn()))
        .satisfies(b -> assertThat(b.tags()).containsEntry("team", "b"));
    assertThat(emu.counters().get("CreateWorkflow", "IdempotentParameterMismatchException"))
        .isEqualTo(1);
  }

  @Test
  void operatorStoppedBetweenCreateAndStatusPatchFindsTheBuildAfterRestart() {
    // Every answer to the create is lost: the build exists in AWS, status never learns its ARN; and
    // from
    // then on AWS cannot be read either, so this operator cannot find it before it is stopped.
    emu.faults().commitThenFail(Operation.CreateWorkflow, 100, Faults.CommitFailure.SERVER_ERROR);
    workflows.create(workflow("restart", "restart-flow", "1.0.0", document("v1")));
    Workflows.awaitBuilds(emu, "restart-flow", 1);
    emu.faults()
        .failRate(Operation.ListWorkflowBuildVersions, 1.0, Faults.ServerError.SERVICE_UNAVAILABLE)
        .failRate(Operation.ListWorkflows, 1.0, Faults.ServerError.SERVICE_UNAVAILABLE);
    workflows.awaitReady("restart", "False", "AwsUnavailable");
    aws.stop();
    assertThat(workflows.get("restart").getStatus().getWorkflowBuildVersionArn()).isNull();
    emu.faults().reset();

    aws.start();

    ImageBuilderWorkflow ready = workflows.awaitReady("restart", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/restart-flow/1.0.0/1");
    assertThat(Workflows.builds(emu, "restart-flow")).hasSize(1);
  }
}
