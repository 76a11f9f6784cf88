package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.Faults;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5, promise 5: AWS created it but the operator never saw the answer; still exactly one build. */
class CrashSafetyIT {
  @RegisterExtension @Order(1) static final KubeApiServerExtension kube = new KubeApiServerExtension();
  @RegisterExtension @Order(2) static final OperatorExtension aws = new OperatorExtension(kube);
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
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/lost-answer-flow/1.0.0/1");
    assertThat(emu.counters().total("CreateWorkflow")).isGreaterThanOrEqualTo(2); // the retry happened
  }

  @Test
  void operatorStoppedBetweenCreateAndStatusPatchFindsTheBuildAfterRestart() {
    // Every answer to the create is lost: the build exists in AWS, status never learns its ARN; and from
    // then on AWS cannot be read either, so this operator cannot find it before it is stopped.
    emu.faults().commitThenFail(Operation.CreateWorkflow, 100, Faults.CommitFailure.SERVER_ERROR);
    workflows.create(workflow("restart", "restart-flow", "1.0.0", document("v1")));
    Workflows.awaitBuilds(emu, "restart-flow", 1);
    emu.faults().failRate(Operation.ListWorkflowBuildVersions, 1.0, Faults.ServerError.SERVICE_UNAVAILABLE)
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
