package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5, promise 8: drift found at the next (short, for the test) drift check. */
class DriftIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static OperatorRun operator;
  static Workflows workflows;

  @BeforeAll
  static void start() {
    kube.installCrd(Workflows.crd());
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    operator = new OperatorRun(kube.client(), emu,
        OperatorRun.config(emu, kube.namespace(), Duration.ofSeconds(2), 50));
    workflows = new Workflows(kube.client(), kube.namespace());
  }

  @AfterAll
  static void stop() {
    operator.close();
    emu.close();
  }

  @Test
  void aBuildDeletedOutsideTheOperatorIsCreatedAgain() {
    workflows.create(workflow("drift", "drift-flow", "1.0.0", document("v1")));
    String first = workflows.awaitReady("drift", "True", "Created").getStatus().getWorkflowBuildVersionArn();

    emu.deleteOutOfBand(first);

    ImageBuilderWorkflow recreated = workflows.awaitReady("drift", "True", "Recreated");
    assertThat(recreated.getStatus().getWorkflowBuildVersionArn()).endsWith("/drift-flow/1.0.0/2");
    assertThat(Workflows.builds(emu, "drift-flow")).hasSize(1);
    assertThat(kube.client().v1().events().inNamespace(kube.namespace()).list().getItems())
        .anyMatch(e -> "Recreated".equals(e.getReason()) && "drift".equals(e.getInvolvedObject().getName()));
  }

  @Test
  void aDeprecatedBuildIsReportedAndStaysReady() {
    workflows.create(workflow("old", "old-flow", "1.0.0", document("v1")));
    String arn = workflows.awaitReady("old", "True", "Created").getStatus().getWorkflowBuildVersionArn();

    emu.deprecate(arn);

    ImageBuilderWorkflow deprecated = workflows.awaitReady("old", "True", "Deprecated");
    assertThat(deprecated.getStatus().getState()).isEqualTo("DEPRECATED");
    assertThat(deprecated.getStatus().getWorkflowBuildVersionArn()).isEqualTo(arn);
    assertThat(Workflows.builds(emu, "old-flow")).hasSize(1);
  }

  @Test
  void driftChecksReadAtMostOncePerResourcePerInterval() throws Exception {
    workflows.create(workflow("quiet", "quiet-flow", "1.0.0", document("v1")));
    workflows.awaitReady("quiet", "True", "Created");
    long resources = kube.client().resources(ImageBuilderWorkflow.class).inNamespace(kube.namespace()).list()
        .getItems().size();
    long before = emu.counters().total("ListWorkflowBuildVersions");
    Thread.sleep(6_000); // three intervals of 2 s (jittered by 10%)
    long reads = emu.counters().total("ListWorkflowBuildVersions") - before;
    assertThat(reads).isPositive().isLessThanOrEqualTo(resources * 4);
  }
}
