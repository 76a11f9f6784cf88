package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which updates wake the reconciler. */
class WorkflowEventFilterTest {

  static Stream<Arguments> updates() {
    return Stream.of(
        row("the spec changed (generation)", true, r -> r.getMetadata().setGeneration(3L)),
        row(
            "the adopt annotation was set",
            true,
            r -> r.getMetadata().setAnnotations(Map.of(SpecValidator.ADOPT_ANNOTATION, "true"))),
        row(
            "deletion was requested",
            true,
            r -> r.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z")),
        row("the operator wrote status", false, r -> r.setStatus(status())),
        row(
            "another annotation changed",
            false,
            r -> r.getMetadata().setAnnotations(Map.of("note", "x"))),
        row("a label changed", false, r -> r.getMetadata().setLabels(Map.of("team", "b"))),
        row("only the resourceVersion moved", false, r -> r.getMetadata().setResourceVersion("9")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("updates")
  void acceptsOnlyWhatTheOperatorReactsTo(
      String what, boolean accepted, Consumer<ImageBuilderWorkflow> change) {
    ImageBuilderWorkflow before = resource();
    ImageBuilderWorkflow after = resource();
    change.accept(after);
    assertThat(new WorkflowEventFilter().accept(after, before)).isEqualTo(accepted);
  }

  @Test
  void wakesForItsFinalizerOnlyWhenItIsTakenFromALiveResource() {
    WorkflowEventFilter filter = new WorkflowEventFilter();
    ImageBuilderWorkflow without = resource();
    ImageBuilderWorkflow with = withFinalizers(resource(), "a", WorkflowReconciler.FINALIZER);

    assertThat(filter.accept(with, without)).as("the operator added it").isFalse();
    assertThat(filter.accept(without, with)).as("someone took it away").isTrue();
    assertThat(filter.accept(withFinalizers(resource(), WorkflowReconciler.FINALIZER), with))
        .as("another finalizer went")
        .isFalse();

    ImageBuilderWorkflow deleting = withFinalizers(resource(), "a", WorkflowReconciler.FINALIZER);
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    ImageBuilderWorkflow released = resource();
    released.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    assertThat(filter.accept(released, deleting)).as("the operator released it").isFalse();
  }

  private static ImageBuilderWorkflow withFinalizers(ImageBuilderWorkflow r, String... names) {
    r.getMetadata().setFinalizers(List.of(names));
    return r;
  }

  private static Arguments row(
      String what, boolean accepted, Consumer<ImageBuilderWorkflow> change) {
    return Arguments.of(what, accepted, change);
  }

  private static ImageBuilderWorkflow resource() {
    ImageBuilderWorkflow r = new ImageBuilderWorkflow();
    r.getMetadata().setName("w");
    r.getMetadata().setNamespace("ns");
    r.getMetadata().setGeneration(2L);
    r.getMetadata().setResourceVersion("8");
    r.getMetadata().setFinalizers(List.of("a"));
    return r;
  }

  private static ImageBuilderWorkflowStatus status() {
    ImageBuilderWorkflowStatus status = new ImageBuilderWorkflowStatus();
    status.setObservedGeneration(2L);
    return status;
  }
}
