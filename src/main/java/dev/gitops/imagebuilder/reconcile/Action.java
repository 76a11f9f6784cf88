package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.ArnFormat;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.status.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one thing a reconcile does, decided by the {@link Planner}. */
public sealed interface Action {

  /** The build ARN this action works on, for the decision log; "-" when there is none yet. */
  String arn();

  /** Nothing to write in AWS: record this build in status with this reason. */
  record Record(ObservedBuild build, Reason reason) implements Action {
    @Override
    public String arn() {
      return build.arn();
    }
  }

  /** CreateWorkflow. {@code supersedes} is the build ARN this create follows ("" for none). */
  record Create(Reason reason, String supersedes) implements Action {
    @Override
    public String arn() {
      return "-";
    }

    /**
     * The build number the service would give: one above the build this create follows (the service
     * never reuses a number, so it gives more if higher builds were deleted unseen).
     */
    public int expectedBuild() {
      return supersedes.isEmpty() ? 1 : ArnFormat.parse(supersedes).build() + 1;
    }

    /** The ARN of {@link #expectedBuild()}; null before any build of the version is known. */
    public String expectedArn() {
      if (supersedes.isEmpty()) {
        return null;
      }
      ArnFormat after = ArnFormat.parse(supersedes);
      return new ArnFormat(
              after.partition(),
              after.region(),
              after.account(),
              after.type(),
              after.slug(),
              after.version(),
              expectedBuild())
          .toString();
    }
  }

  /** Bring the tags of the current build in line, then record it. */
  record Retag(Record record, Map<String, String> add, Set<String> remove) implements Action {
    @Override
    public String arn() {
      return record.arn();
    }
  }

  /** Put ownership tags on builds nobody owns (the resource opted in), then look again. */
  record Adopt(List<ObservedBuild> builds) implements Action {
    @Override
    public String arn() {
      return builds.get(0).arn();
    }
  }

  /** Someone else's builds are in the way; report, write nothing. */
  record Conflict(Reason reason, String message) implements Action {
    @Override
    public String arn() {
      return "-";
    }
  }
}
