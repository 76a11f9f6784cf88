package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.reconcile.WorkflowReconciler;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resource the pace sends away to wait for its create turn has written nothing yet, not even its
 * finalizer: the writes of a mass apply follow the pace of its builds.
 */
class CreateTurnIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  /** A ceiling of one call every two seconds per operation: one create turn in two seconds. */
  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube, Duration.ofMinutes(10), 0.5);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void resourcesWaitingForTheirTurnHaveNoFinalizerYet() {
    workflows.create(workflow("first", "first-flow", "1.0.0", document("1")));
    // The finalizer of the first resource shows that it took the create turn.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> hasFinalizer(workflows.get("first")));
    long turnSeen = System.nanoTime();
    List<String> waiting = List.of("second", "third");
    for (String name : waiting) {
      workflows.create(workflow(name, name + "-flow", "1.0.0", document(name)));
    }

    // The next create turn comes two seconds after the first (less the quarter second a caller
    // waits in place): for the next second both are sent away whenever they come, with nothing
    // written. Reconciled as they were before, each would hold its finalizer within milliseconds.
    while (System.nanoTime() - turnSeen < Duration.ofSeconds(1).toNanos()) {
      for (String name : waiting) {
        ImageBuilderWorkflow resource = workflows.get(name);
        assertThat(resource.getMetadata().getFinalizers()).as(name).isEmpty();
        assertThat(resource.getStatus()).as(name).isNull();
      }
    }

    for (String name : List.of("first", "second", "third")) {
      ImageBuilderWorkflow ready = workflows.awaitReady(name, "True", "Created");
      assertThat(hasFinalizer(ready)).as(name).isTrue();
    }
    assertThat(emu.builds()).hasSize(3);
  }

  private static boolean hasFinalizer(ImageBuilderWorkflow resource) {
    return resource.getMetadata().getFinalizers().contains(WorkflowReconciler.FINALIZER);
  }
}
