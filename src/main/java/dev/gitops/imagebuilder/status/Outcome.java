package dev.gitops.imagebuilder.status;

/**
 * What a reconcile achieved, as the status should report it.
 *
 * @param build the build now current, or null when the outcome does not change it (errors,
 *     conflicts)
 */
public record Outcome(Progress progress, Reason reason, String message, RecordedBuild build) {

  /** The kstatus summary: done, still working (will retry by itself), or needs a human. */
  public enum Progress {
    READY,
    RECONCILING,
    STALLED,
    /** Needs a human, and the operator still retries by itself (Stalled and Reconciling). */
    STALLED_RETRYING
  }

  /** A build to show in status as the current one. */
  public record RecordedBuild(
      String arn,
      String semanticVersion,
      int buildNumber,
      String contentHash,
      boolean deprecated,
      String dateCreated) {}

  public static Outcome ready(Reason reason, String message, RecordedBuild build) {
    return new Outcome(Progress.READY, reason, message, build);
  }

  public static Outcome reconciling(Reason reason, String message) {
    return new Outcome(Progress.RECONCILING, reason, message, null);
  }

  public static Outcome stalledRetrying(Reason reason, String message) {
    return new Outcome(Progress.STALLED_RETRYING, reason, message, null);
  }

  public static Outcome stalled(Reason reason, String message) {
    return new Outcome(Progress.STALLED, reason, message, null);
  }
}
