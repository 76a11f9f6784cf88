package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.HistoryEntry;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The part of the current status the planner reads.
 *
 * @param history the build ARNs the status has recorded (current and history)
 */
public record StatusView(
    Long observedGeneration,
    String workflowBuildVersionArn,
    String semanticVersion,
    String contentHash,
    List<String> history) {

  public static final StatusView EMPTY = new StatusView(null, null, null, null, List.of());

  public StatusView {
    history = List.copyOf(history);
  }

  public static StatusView of(ImageBuilderWorkflowStatus status) {
    if (status == null) {
      return EMPTY;
    }
    List<String> recorded =
        Stream.concat(
                Stream.of(status.getWorkflowBuildVersionArn()),
                status.getHistory().stream().map(HistoryEntry::getWorkflowBuildVersionArn))
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    return new StatusView(
        status.getObservedGeneration(),
        status.getWorkflowBuildVersionArn(),
        status.getSemanticVersion(),
        status.getContentHash(),
        recorded);
  }

  /** Whether the status records a build of {@code version} with {@code contentHash}. */
  boolean records(String version, String contentHash) {
    return recordsVersion(version) && contentHash.equals(this.contentHash);
  }

  /** Whether the status records a build of {@code version}. */
  boolean recordsVersion(String version) {
    return workflowBuildVersionArn != null && version.equals(semanticVersion);
  }
}
