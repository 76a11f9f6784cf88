package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of a resource wake the reconciler: those of what it reads or must act on (the spec,
 * through the generation; the adopt annotation; deletion; its finalizer taken away while the
 * resource lives). Everything else, above all the operator's own writes (status, and the finalizer
 * it adds in the pass that does the work), is ignored. ConfigMap changes arrive through their own
 * event source, drift checks through the reconciler's rescheduling. Pure.
 */
public final class WorkflowEventFilter implements OnUpdateFilter<ImageBuilderWorkflow> {

  @Override
  public boolean accept(ImageBuilderWorkflow updated, ImageBuilderWorkflow previous) {
    ObjectMeta now = updated.getMetadata();
    ObjectMeta before = previous.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(adopt(now), adopt(before))
        || updated.isMarkedForDeletion() != previous.isMarkedForDeletion()
        || (!updated.isMarkedForDeletion()
            && previous.hasFinalizer(WorkflowReconciler.FINALIZER)
            && !updated.hasFinalizer(WorkflowReconciler.FINALIZER));
  }

  private static String adopt(ObjectMeta meta) {
    Map<String, String> annotations = meta.getAnnotations();
    return annotations == null ? null : annotations.get(SpecValidator.ADOPT_ANNOTATION);
  }
}
