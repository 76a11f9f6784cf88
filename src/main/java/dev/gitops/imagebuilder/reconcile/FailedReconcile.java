package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.AwsCallException;
import java.util.List;

/**
 * An AWS failure on its way from {@code reconcile} to JOSDK's error path, with what the reconcile
 * had decided so far (for the log line).
 */
final class FailedReconcile extends RuntimeException {
  private final transient DesiredWorkflow desired;
  private final transient List<Action> actions;

  FailedReconcile(DesiredWorkflow desired, List<Action> actions, AwsCallException cause) {
    super(cause.getMessage(), cause, false, false);
    this.desired = desired;
    this.actions = List.copyOf(actions);
  }

  /** The failure in {@code e} or its causes (JOSDK's metrics wrap what a reconcile throws). */
  static FailedReconcile in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FailedReconcile failed) {
        return failed;
      }
    }
    return null;
  }

  DesiredWorkflow desired() {
    return desired;
  }

  List<Action> actions() {
    return actions;
  }

  AwsCallException failure() {
    return (AwsCallException) getCause();
  }
}
