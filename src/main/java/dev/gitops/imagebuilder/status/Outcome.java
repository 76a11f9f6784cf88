package dev.gitops.imagebuilder.status;

import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import java.util.List;
import java.util.Map;

/**
 * What a reconcile achieved, as the status should report it.
 *
 * @param build the build now current, or null when the outcome does not change it (errors,
 *     conflicts)
 * @param plan under managementPolicy Plan, what applying would do; null otherwise
 * @param observed under managementPolicy Observe, what was found; null otherwise
 * @param account whose credentials reached AWS for it; null when none were chosen (the status keeps
 *     what it shows)
 */
public record Outcome(
    Progress progress,
    Reason reason,
    String message,
    RecordedBuild build,
    PlanReport plan,
    ObservedReport observed,
    AccountRef account) {

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
      String dateCreated) {

    /** A build as AWS reports it, with the content hash its tag carries (null for none). */
    public static RecordedBuild of(ObservedBuild b) {
      return new RecordedBuild(
          b.arn(),
          b.semanticVersion(),
          b.buildNumber(),
          b.contentHash(),
          b.deprecated(),
          b.dateCreated());
    }
  }

  /**
   * What a plan would do. {@code action} is Create, Retag, Adopt, Conflict or Nothing; the other
   * fields are null or empty where the action has none.
   */
  public record PlanReport(
      String action,
      long generation,
      String semanticVersion,
      Integer buildVersion,
      String arn,
      Map<String, String> tagsToAdd,
      List<String> tagsToRemove,
      List<String> buildsToAdopt,
      String dryRunVerdict,
      String message,
      String contentHash) {

    /** This plan with the details of its action (null or empty where the action has none). */
    public PlanReport withDetails(
        Integer build,
        String verdict,
        Map<String, String> add,
        List<String> remove,
        List<String> adopt) {
      return new PlanReport(
          action,
          generation,
          semanticVersion,
          build,
          arn,
          Map.copyOf(add),
          List.copyOf(remove),
          List.copyOf(adopt),
          verdict,
          message,
          contentHash);
    }
  }

  /**
   * What Observe found: {@code found} false when no build matches (the status then shows none).
   * {@code content} is InSync, Differs, Unknown, or null when the spec carries no content.
   */
  public record ObservedReport(
      boolean found, String owner, Map<String, String> tags, String content, String contentHash) {
    public static final ObservedReport NOTHING =
        new ObservedReport(false, null, Map.of(), null, null);
  }

  public static Outcome ready(Reason reason, String message, RecordedBuild build) {
    return new Outcome(Progress.READY, reason, message, build, null, null, null);
  }

  public static Outcome reconciling(Reason reason, String message) {
    return new Outcome(Progress.RECONCILING, reason, message, null, null, null, null);
  }

  public static Outcome stalledRetrying(Reason reason, String message) {
    return new Outcome(Progress.STALLED_RETRYING, reason, message, null, null, null, null);
  }

  public static Outcome stalled(Reason reason, String message) {
    return new Outcome(Progress.STALLED, reason, message, null, null, null, null);
  }

  public Outcome withPlan(PlanReport report) {
    return new Outcome(progress, reason, message, build, report, observed, account);
  }

  /** This outcome, reached with {@code used}'s credentials. */
  public Outcome via(AccountRef used) {
    return new Outcome(progress, reason, message, build, plan, observed, used);
  }

  public Outcome withObserved(ObservedReport report) {
    return new Outcome(progress, reason, message, build, plan, report, account);
  }
}
