package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5, promise 12: 429s slow the operator down; resources still become Ready. */
class RateLimitIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  // The client-side limit is set above what the "account" allows, so the service throttles.
  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube, Duration.ofMinutes(10), 100);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void throttlingIsASlowdownNotAFailure() {
    for (Operation op :
        new Operation[] {
          Operation.CreateWorkflow, Operation.ListWorkflowBuildVersions, Operation.ListWorkflows
        }) {
      emu.faults().rateLimit(op, 3, 1);
    }
    int count = 8;
    for (int i = 0; i < count; i++) {
      workflows.create(workflow("busy-" + i, "busy-flow-" + i, "1.0.0", document("v" + i)));
    }

    for (int i = 0; i < count; i++) {
      ImageBuilderWorkflow ready = workflows.awaitReady("busy-" + i, "True", "Created");
      assertThat(ready.getStatus().getBuildVersion()).isEqualTo(1);
    }
    long throttled =
        emu.counters().get("CreateWorkflow", "CallRateLimitExceededException")
            + emu.counters().get("ListWorkflowBuildVersions", "CallRateLimitExceededException")
            + emu.counters().get("ListWorkflows", "CallRateLimitExceededException");
    System.out.println(
        "throttled calls: " + throttled + ", per operation: " + emu.counters().snapshot());
    assertThat(throttled).isPositive();
    // The 429s were absorbed by slowing down: no resource ever reported Throttled (each report is
    // an event).
    assertThat(kube.client().v1().events().inNamespace(kube.namespace()).list().getItems())
        .noneMatch(e -> "Throttled".equals(e.getReason()));
    assertThat(emu.builds()).hasSize(count);
    assertThat(aws.operator().calls("CreateWorkflow", "throttled"))
        .isEqualTo(emu.counters().get("CreateWorkflow", "CallRateLimitExceededException"));
  }
}
