package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.ArnFormat;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One workflow (name, type, region, account), one resource. Pure. The resource owning the
 * workflow's earliest build (by creation time, then ARN) holds the claim; every other resource
 * naming the workflow, in any namespace and with any version, is a conflict. Two resources that
 * create at the same moment both look again after their create: the one whose build is not the
 * earliest deletes it and stands back, so the decision does not depend on who looked first.
 */
final class WorkflowClaim {
  private static final Comparator<ObservedBuild> EARLIEST =
      Comparator.comparing((ObservedBuild b) -> createdAt(b.dateCreated()))
          .thenComparing(ObservedBuild::arn);

  private WorkflowClaim() {}

  /**
   * Whether the resource already holds the workflow: its status records a build of this workflow
   * (name, type, region, account), which it made or adopted after a claim check. No other resource
   * can take a workflow whose builds this one owns (the claim is the earliest owned build, and the
   * recorded build is never pruned), so its next builds need no check: a version bump or a content
   * change costs one read and the create.
   */
  static boolean heldBy(StatusView status, DesiredWorkflow desired) {
    if (status.workflowBuildVersionArn() == null) {
      return false;
    }
    ArnFormat recorded = ArnFormat.parse(status.workflowBuildVersionArn());
    return recorded.slug().equals(ArnFormat.slug(desired.workflowName()))
        && recorded.type().equalsIgnoreCase(desired.type().name())
        && recorded.region().equals(desired.region())
        && (desired.account().own() || recorded.account().equals(desired.account().accountId()));
  }

  /**
   * Whether a build just created is the workflow's first: build 1 of the only version listed. No
   * build can then be earlier than it, so it holds the claim and its builds need not be listed.
   */
  static boolean firstOfWorkflow(Outcome.RecordedBuild created, List<String> workflowVersions) {
    return created.buildNumber() == 1
        && workflowVersions.size() == 1
        && ArnFormat.parse(workflowVersions.get(0)).version().equals(created.semanticVersion());
  }

  /** The earliest owned build of the workflow, if any resource owns one. */
  static Optional<ObservedBuild> holder(List<ObservedBuild> workflowBuilds) {
    return workflowBuilds.stream().filter(b -> b.owner().isPresent()).min(EARLIEST);
  }

  /** The conflict when another resource holds the workflow {@code desired} names. */
  static Optional<Action.Conflict> conflict(
      DesiredWorkflow desired, List<ObservedBuild> workflowBuilds) {
    return holder(workflowBuilds)
        .filter(first -> !first.owner().orElseThrow().equals(desired.owner()))
        .map(
            first ->
                new Action.Conflict(
                    Reason.OwnedByOther,
                    "workflow "
                        + desired.workflowName()
                        + " ("
                        + desired.type()
                        + ", "
                        + desired.region()
                        + ") belongs to ImageBuilderWorkflow "
                        + first.owner().orElseThrow()
                        + ", which created "
                        + first.arn()
                        + "; one workflow is managed by one resource. Use another spec.name, or"
                        + " change the versions in that resource."));
  }

  private static Instant createdAt(String dateCreated) {
    try {
      return dateCreated == null ? Instant.MAX : Instant.parse(dateCreated);
    } catch (DateTimeParseException e) {
      return Instant.MAX; // unreadable dates sort last; the ARN then decides
    }
  }
}
