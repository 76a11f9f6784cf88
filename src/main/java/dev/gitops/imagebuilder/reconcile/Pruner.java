package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.Retention;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.AwsTarget;
import dev.gitops.imagebuilder.aws.ErrorClass;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.status.Pruning;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes owned builds in rounds: each build in turn; one in use (ResourceDependency,
 * ResourceInUse) is kept and listed, any other failure ends the round and is reported with it.
 */
final class Pruner {
  private final ImageBuilderGateway gateway;

  Pruner(ImageBuilderGateway gateway) {
    this.gateway = gateway;
  }

  /** A round's result, with the failure that ended it early (null when none). */
  record Round(Pruning pruning, AwsCallException failure) {}

  /**
   * Retention: deletes the builds {@link RetentionPlanner} finds expired. Without retention nothing
   * is deleted and nothing is listed as blocked.
   */
  Pruning retain(DesiredWorkflow desired, Retention retention, String currentArn) {
    if (retention == null) {
      return Pruning.NONE;
    }
    List<ObservedBuild> builds;
    try {
      builds = gateway.workflowBuilds(desired.target(), desired.type(), desired.workflowName());
    } catch (AwsCallException e) {
      return new Pruning(List.of(), List.of(), e.getMessage());
    }
    List<String> expired =
        RetentionPlanner.expired(retention, desired.owner(), currentArn, builds).stream()
            .map(ObservedBuild::arn)
            .toList();
    return delete(desired.target(), expired).pruning();
  }

  Round delete(AwsTarget target, List<String> arns) {
    List<String> deleted = new ArrayList<>();
    List<String> blocked = new ArrayList<>();
    for (String arn : arns) {
      try {
        gateway.delete(target, arn);
        deleted.add(arn);
      } catch (AwsCallException e) {
        if (e.errorClass() != ErrorClass.DEPENDENCY && e.errorClass() != ErrorClass.IN_USE) {
          return new Round(new Pruning(deleted, blocked, arn + ": " + e.getMessage()), e);
        }
        blocked.add(arn);
      }
    }
    return new Round(new Pruning(deleted, blocked, null), null);
  }
}
