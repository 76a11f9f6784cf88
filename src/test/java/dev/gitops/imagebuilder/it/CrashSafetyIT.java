package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.Faults;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5, promise 5: AWS created it but the operator never saw the answer; still exactly one build. */
class CrashSafetyIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static OperatorRun operator;
  static Workflows workflows;

  @BeforeAll
  static void start() {
    kube.installCrd(Workflows.crd());
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    operator = new OperatorRun(kube.client(), emu,
        OperatorRun.config(emu, kube.namespace(), Duration.ofMinutes(10), 50));
    workflows = new Workflows(kube.client(), kube.namespace());
  }

  @AfterEach
  void clearFaults() {
    emu.faults().reset();
  }

  @AfterAll
  static void stop() {
    operator.close();
    emu.close();
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
    // Every answer to the create is lost: the build exists in AWS, status never learns its ARN.
    emu.faults().commitThenFail(Operation.CreateWorkflow, 100, Faults.CommitFailure.SERVER_ERROR);
    workflows.create(workflow("restart", "restart-flow", "1.0.0", document("v1")));
    workflows.awaitReady("restart", "False", "AwsUnavailable");
    Workflows.awaitBuilds(emu, "restart-flow", 1);
    operator.close();
    assertThat(workflows.get("restart").getStatus().getWorkflowBuildVersionArn()).isNull();
    emu.faults().reset();

    operator = new OperatorRun(kube.client(), emu, operator.config);

    ImageBuilderWorkflow ready = workflows.awaitReady("restart", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/restart-flow/1.0.0/1");
    assertThat(Workflows.builds(emu, "restart-flow")).hasSize(1);
  }
}
