package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;

/** The part of the current status the planner reads. */
public record StatusView(
    Long observedGeneration, String workflowBuildVersionArn, String semanticVersion, String contentHash,
    boolean ready) {

  public static final StatusView EMPTY = new StatusView(null, null, null, null, false);

  public static StatusView of(ImageBuilderWorkflowStatus status) {
    if (status == null) {
      return EMPTY;
    }
    boolean ready = status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return new StatusView(status.getObservedGeneration(), status.getWorkflowBuildVersionArn(),
        status.getSemanticVersion(), status.getContentHash(), ready);
  }

  /** Whether the status records a build of {@code version}. */
  boolean recordsVersion(String version) {
    return workflowBuildVersionArn != null && version.equals(semanticVersion);
  }
}
