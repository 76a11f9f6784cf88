package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.ArnFormat;
import dev.gitops.imagebuilder.aws.Observation;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.aws.SemanticVersion;
import dev.gitops.imagebuilder.status.Reason;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Decides the one action a reconcile takes. Pure: desired + observed + status in, an action out.
 */
public final class Planner {

  public Action plan(DesiredWorkflow desired, Observation observed, StatusView status) {
    List<ObservedBuild> builds = observed.builds();
    Optional<ObservedBuild> foreign =
        builds.stream()
            .filter(b -> b.owner().isPresent() && !b.owner().get().equals(desired.owner()))
            .findFirst();
    if (foreign.isPresent()) {
      return new Action.Conflict(
          Reason.OwnedByOther,
          foreign.get().arn()
              + " is owned by ImageBuilderWorkflow "
              + foreign.get().owner().get()
              + "; this resource will not touch it. Use another name or version.");
    }
    List<ObservedBuild> unowned = builds.stream().filter(b -> b.owner().isEmpty()).toList();
    if (!unowned.isEmpty()) {
      return desired.adopt()
          ? new Action.Adopt(unowned)
          : new Action.Conflict(
              Reason.AlreadyExists,
              unowned.get(0).arn()
                  + " already exists and no resource owns it. To adopt it, run: kubectl annotate -n "
                  + desired.namespace()
                  + " ibw "
                  + desired.resourceName()
                  + " "
                  + SpecValidator.ADOPT_ANNOTATION
                  + "=true");
    }
    boolean recordedGone =
        status.recordsVersion(desired.semanticVersion())
            && builds.stream().noneMatch(b -> b.arn().equals(status.workflowBuildVersionArn()));
    String supersedes = highestKnownBuild(desired.semanticVersion(), builds, status);
    if (builds.isEmpty()) {
      return new Action.Create(recordedGone ? Reason.Recreated : Reason.Created, supersedes);
    }
    ObservedBuild newest = builds.get(0);
    if (!desired.contentHash().equals(newest.contentHash())) {
      return new Action.Create(recordedGone ? Reason.Recreated : Reason.NewBuild, supersedes);
    }
    Action.Record record = new Action.Record(newest, recordReason(newest, status));
    Map<String, String> add = new TreeMap<>();
    desired
        .buildTags()
        .forEach(
            (k, v) -> {
              if (!v.equals(newest.tags().get(k))) {
                add.put(k, v);
              }
            });
    Set<String> remove = new TreeSet<>();
    newest.tags().keySet().stream()
        .filter(k -> !Ownership.isOperatorTag(k) && !desired.tags().containsKey(k))
        .forEach(remove::add);
    return add.isEmpty() && remove.isEmpty() ? record : new Action.Retag(record, add, remove);
  }

  /**
   * The highest build of the version this resource has seen, in AWS now or recorded in its status
   * ("" for none): what a create follows, and so part of its idempotency token. A create with the
   * same content after the same build can only be a retry whose answer was never recorded; once a
   * build is recorded or seen, later creates get new tokens, so a build deleted out of band is
   * never "re-created" by replaying the token that made it.
   */
  private static String highestKnownBuild(
      String version, List<ObservedBuild> builds, StatusView status) {
    return Stream.concat(builds.stream().map(ObservedBuild::arn), status.history().stream())
        .map(ArnFormat::parse)
        .filter(arn -> version.equals(arn.version()) && arn.build() != null)
        .max(Comparator.comparingInt(ArnFormat::build))
        .map(ArnFormat::toString)
        .orElse("");
  }

  private static Reason recordReason(ObservedBuild build, StatusView status) {
    if (build.deprecated()) {
      return Reason.Deprecated;
    }
    if (build.arn().equals(status.workflowBuildVersionArn())) {
      return Reason.UpToDate;
    }
    // Back to a build recorded before, or to a lower version than the current one (history is
    // bounded): a rollback, not a create whose answer was lost.
    if (status.history().contains(build.arn())
        || (status.semanticVersion() != null
            && SemanticVersion.ORDER.compare(build.semanticVersion(), status.semanticVersion())
                < 0)) {
      return Reason.RolledBack;
    }
    // Created by this resource but never recorded (the answer was lost): record it as created.
    return build.buildNumber() == 1 ? Reason.Created : Reason.NewBuild;
  }
}
