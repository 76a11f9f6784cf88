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
 * @param planned the generation and content hash of the plan in status (Plan), null for none
 * @param observedContentHash what status.observed was compared with (Observe); "" for no content,
 *     null when nothing is observed
 */
public record StatusView(
    Long observedGeneration,
    String workflowBuildVersionArn,
    String semanticVersion,
    String contentHash,
    boolean ready,
    List<String> history,
    String planned,
    String observedContentHash) {

  public static final StatusView EMPTY = new StatusView(null, null, null, null, false, List.of());

  public StatusView {
    history = List.copyOf(history);
  }

  /** A status made under managementPolicy Manage. */
  public StatusView(
      Long observedGeneration,
      String workflowBuildVersionArn,
      String semanticVersion,
      String contentHash,
      boolean ready,
      List<String> history) {
    this(
        observedGeneration,
        workflowBuildVersionArn,
        semanticVersion,
        contentHash,
        ready,
        history,
        null,
        null);
  }

  public static StatusView of(ImageBuilderWorkflowStatus status) {
    if (status == null) {
      return EMPTY;
    }
    boolean ready =
        status.getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
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
        ready,
        recorded,
        status.getPlan() == null
            ? null
            : planned(status.getPlan().getGeneration(), status.getPlan().getContentHash()),
        status.getObserved() == null
            ? null
            : Objects.requireNonNullElse(status.getObserved().getContentHash(), ""));
  }

  /** The key a plan is made for: a new generation or content (a ConfigMap edit) needs a new one. */
  static String planned(Long generation, String contentHash) {
    return generation + "/" + contentHash;
  }

  /** Whether the status records a build of {@code version}. */
  boolean recordsVersion(String version) {
    return workflowBuildVersionArn != null && version.equals(semanticVersion);
  }
}
