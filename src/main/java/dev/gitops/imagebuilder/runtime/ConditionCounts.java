package dev.gitops.imagebuilder.runtime;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Counts resources by the status of one condition type. A resource without that condition (not yet
 * reconciled) counts as {@code Unknown}, the Kubernetes reading of an absent condition.
 */
public final class ConditionCounts {
  /** The condition types counted: the kstatus summary set the operator writes. */
  public static final List<String> TYPES = List.of("Ready", "Reconciling", "Stalled");

  public static final List<String> STATUSES = List.of("True", "False", "Unknown");

  private ConditionCounts() {}

  public static long count(Collection<ImageBuilderWorkflow> workflows, String type, String status) {
    return workflows.stream().filter(w -> status.equals(statusOf(w, type))).count();
  }

  static String statusOf(ImageBuilderWorkflow workflow, String type) {
    if (workflow.getStatus() == null || workflow.getStatus().getConditions() == null) {
      return "Unknown";
    }
    return workflow.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .map(Condition::getStatus)
        .filter(Objects::nonNull)
        .findFirst()
        .filter(STATUSES::contains)
        .orElse("Unknown");
  }
}
