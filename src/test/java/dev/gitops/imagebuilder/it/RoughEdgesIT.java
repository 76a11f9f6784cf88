package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.Operation;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user trips over, end to end: a region that does not exist, two resources naming one
 * workflow, a permission that stays missing, a ConfigMap without the document label.
 */
class RoughEdgesIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @AfterEach
  void allowEverything() {
    emu.forbid(Set.of());
    emu.faults().reset();
  }

  @Test
  void aRegionThatDoesNotExistIsStalledWithoutAnAwsCall() {
    long calls = totalCalls();
    ImageBuilderWorkflow resource = workflow("nowhere", "nowhere-flow", "1.0.0", document("1"));
    resource.getSpec().setRegion("us-east-7");
    workflows.create(resource);

    ImageBuilderWorkflow stalled = workflows.awaitReady("nowhere", "False", "InvalidSpec");
    assertThat(Workflows.condition(stalled, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(Workflows.condition(stalled, "Ready").orElseThrow().getMessage())
        .contains("spec.region 'us-east-7'", "IBW_EXTRA_REGIONS");
    assertThat(totalCalls()).isEqualTo(calls);
  }

  @Test
  void aSecondResourceNamingTheSameWorkflowIsAConflictWhateverItsVersion() {
    workflows.create(workflow("first", "shared-flow", "1.0.0", document("1")));
    workflows.awaitReady("first", "True", "Created");

    workflows.create(workflow("second", "shared-flow", "2.0.0", document("2")));

    ImageBuilderWorkflow second = workflows.awaitReady("second", "False", "OwnedByOther");
    assertThat(Workflows.condition(second, "Ready").orElseThrow().getMessage())
        .contains("ImageBuilderWorkflow " + kube.namespace() + "/first");
    assertThat(Workflows.builds(emu, "shared-flow"))
        .extracting(WorkflowBuild::version)
        .containsExactly("1.0.0");
  }

  @Test
  void twoResourcesCreatedAtTheSameMomentDoNotBothKeepBuilds() {
    // Slow answers: both resources pass the check before either create lands, a real race.
    emu.faults().latency(Duration.ofMillis(700));
    CompletableFuture<?> a =
        CompletableFuture.runAsync(
            () -> workflows.create(workflow("race-a", "race-flow", "1.0.0", document("a"))));
    CompletableFuture<?> b =
        CompletableFuture.runAsync(
            () -> workflows.create(workflow("race-b", "race-flow", "2.0.0", document("b"))));
    CompletableFuture.allOf(a, b).join();

    ImageBuilderWorkflow ra = workflows.await("race-a", RoughEdgesIT::settled);
    ImageBuilderWorkflow rb = workflows.await("race-b", RoughEdgesIT::settled);
    emu.faults().reset();
    List<ImageBuilderWorkflow> ready =
        List.of(ra, rb).stream().filter(r -> Workflows.has(r, "Ready", "True", null)).toList();
    assertThat(ready).hasSize(1);
    String winner = ready.get(0).getMetadata().getName();
    ImageBuilderWorkflow loser = winner.equals("race-a") ? rb : ra;
    assertThat(Workflows.condition(loser, "Ready").orElseThrow().getReason())
        .isEqualTo("OwnedByOther");
    System.out.println(
        "race: "
            + winner
            + " won; "
            + loser.getMetadata().getName()
            + ": "
            + Workflows.condition(loser, "Ready").orElseThrow().getMessage());
    assertThat(Workflows.builds(emu, "race-flow"))
        .isNotEmpty()
        .allSatisfy(
            build ->
                assertThat(build.tags()).containsEntry("imagebuilder.gitops.dev/name", winner));
  }

  @Test
  void accessDeniedThatPersistsBecomesStalledWhileStillRetried() {
    emu.forbid(Set.of(Operation.CreateWorkflow));
    workflows.create(workflow("denied", "denied-flow", "1.0.0", document("1")));

    ImageBuilderWorkflow stalled =
        workflows.await("denied", r -> Workflows.has(r, "Stalled", "True", "AccessDenied"));
    // still retried by the operator, so still Reconciling too
    assertThat(Workflows.condition(stalled, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(Workflows.condition(stalled, "Ready").orElseThrow().getMessage())
        .contains("imagebuilder:CreateWorkflow", "still retrying slowly");
    assertThat(emu.counters().total("CreateWorkflow")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aConfigMapWithoutTheDocumentLabelSaysWhatToAdd() {
    workflows.createConfigMap("plain", "build.yaml", document("plain"), false);
    ImageBuilderWorkflow resource = workflow("unlabelled", "unlabelled-flow", "1.0.0", null);
    resource.getSpec().setDataFrom(Workflows.fromConfigMap("plain", "build.yaml"));
    workflows.create(resource);

    ImageBuilderWorkflow waiting =
        workflows.awaitReady("unlabelled", "False", "ConfigMapNotLabelled");
    assertThat(Workflows.condition(waiting, "Ready").orElseThrow().getMessage())
        .contains("imagebuilder.gitops.dev/document: \"true\"");
    assertThat(Workflows.builds(emu, "unlabelled-flow")).isEmpty();

    kube.client()
        .configMaps()
        .inNamespace(kube.namespace())
        .withName("plain")
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .addToLabels("imagebuilder.gitops.dev/document", "true")
                    .endMetadata()
                    .build());
    workflows.awaitReady("unlabelled", "True", "Created");
  }

  private static boolean settled(ImageBuilderWorkflow r) {
    return Workflows.has(r, "Ready", "True", null) || Workflows.has(r, "Stalled", "True", null);
  }

  private long totalCalls() {
    return emu.counters().snapshot().values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }
}
