package dev.gitops.imagebuilder.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.api.HistoryEntry;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.ArnFormat;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Builds the next status from the current one and an outcome. Pure. */
public final class StatusAssembler {
  /** History is bounded so status stays small; AWS remains the full record. */
  static final int MAX_HISTORY = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Failures that say nothing about the resource: AWS could not be reached or asked to wait. */
  private static final Set<Reason> TRANSIENT = Set.of(Reason.AwsUnavailable, Reason.Throttled);

  public ImageBuilderWorkflowStatus next(
      ImageBuilderWorkflowStatus current, long generation, Outcome outcome, Instant now) {
    return next(current, generation, outcome, null, now);
  }

  /**
   * @param pruning the builds a round of deletions removed or found in use; null when none ran
   */
  public ImageBuilderWorkflowStatus next(
      ImageBuilderWorkflowStatus current,
      long generation,
      Outcome outcome,
      Pruning pruning,
      Instant now) {
    ImageBuilderWorkflowStatus next =
        current == null
            ? new ImageBuilderWorkflowStatus()
            : JSON.convertValue(current, ImageBuilderWorkflowStatus.class);
    next.setObservedGeneration(generation);
    if (outcome.build() != null) {
      record(next, outcome.build());
    }
    if (outcome.account() != null) {
      next.setRoleArn(outcome.account().roleArn());
    }
    next.setAccountId(accountOf(next, outcome.account()));
    if (pruning != null) {
      next.getHistory().stream()
          .filter(h -> pruning.deleted().contains(h.getWorkflowBuildVersionArn()))
          .forEach(h -> h.setPruned(true));
      next.setBlockedBuilds(pruning.blocked().isEmpty() ? null : pruning.blocked());
    }
    if (outcome.plan() != null || outcome.progress() != Outcome.Progress.RECONCILING) {
      // A transient failure keeps the last plan (its generation says how old it is); any other
      // outcome replaces it, and outcomes of other policies clear it.
      next.setPlan(PolicyReports.plan(outcome.plan()));
    }
    if (outcome.observed() != null && !outcome.observed().found()) {
      forgetCurrent(next);
    }
    if (outcome.observed() != null || outcome.progress() != Outcome.Progress.RECONCILING) {
      next.setObserved(PolicyReports.observed(outcome.observed()));
    }
    List<Condition> conditions = next.getConditions();
    boolean ready = outcome.progress() == Outcome.Progress.READY;
    String reason = outcome.reason().name();
    String message = outcome.message();
    Condition previousReady = Conditions.find(conditions, Conditions.READY).orElse(null);
    boolean wasReady = previousReady != null && "True".equals(previousReady.getStatus());
    if (outcome.reason() == Reason.UpToDate && wasReady) {
      // A check that found nothing to do keeps the reason of the change that made it Ready.
      reason = previousReady.getReason();
      message = previousReady.getMessage();
    }
    if (wasReady
        && Objects.equals(previousReady.getObservedGeneration(), generation)
        && TRANSIENT.contains(outcome.reason())) {
      // A drift check that cannot reach AWS learns nothing against the build: Ready stays as it
      // was, and Reconciling says that the operator is retrying.
      Conditions.set(
          conditions,
          Conditions.READY,
          true,
          previousReady.getReason(),
          previousReady.getMessage(),
          generation,
          now);
    } else {
      Conditions.set(conditions, Conditions.READY, ready, reason, message, generation, now);
    }
    Conditions.set(
        conditions,
        Conditions.RECONCILING,
        outcome.progress() == Outcome.Progress.RECONCILING
            || outcome.progress() == Outcome.Progress.STALLED_RETRYING,
        reason,
        message,
        generation,
        now);
    Conditions.set(
        conditions,
        Conditions.STALLED,
        outcome.progress() == Outcome.Progress.STALLED
            || outcome.progress() == Outcome.Progress.STALLED_RETRYING,
        reason,
        message,
        generation,
        now);
    return next;
  }

  /** Whether two statuses say the same, ignoring {@code lastSyncTime}. */
  public boolean same(ImageBuilderWorkflowStatus a, ImageBuilderWorkflowStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    var left = JSON.valueToTree(a);
    var right = JSON.valueToTree(b);
    ((com.fasterxml.jackson.databind.node.ObjectNode) left).remove("lastSyncTime");
    ((com.fasterxml.jackson.databind.node.ObjectNode) right).remove("lastSyncTime");
    return left.equals(right);
  }

  /** Nothing is current any more (an observed workflow is gone); the history stays. */
  /**
   * The account of the current build; before there is one, that of the role used (unknown for the
   * operator's own credentials); a workflow AWS publishes (Observe) says nothing of the account.
   */
  private static String accountOf(ImageBuilderWorkflowStatus status, AccountRef used) {
    String arn = status.getWorkflowBuildVersionArn();
    String built = arn == null ? null : AccountRef.accountOf(arn);
    if (built != null && !built.equals(ImageBuilderGateway.AWS_ACCOUNT)) {
      return built;
    }
    return used == null ? status.getAccountId() : used.accountId();
  }

  private static void forgetCurrent(ImageBuilderWorkflowStatus status) {
    status.setWorkflowBuildVersionArn(null);
    status.setSemanticVersion(null);
    status.setBuildVersion(null);
    status.setLatestVersionReferences(null);
    status.setContentHash(null);
    status.setState(null);
  }

  private static void record(ImageBuilderWorkflowStatus status, Outcome.RecordedBuild build) {
    status.setWorkflowBuildVersionArn(build.arn());
    status.setSemanticVersion(build.semanticVersion());
    status.setBuildVersion(build.buildNumber());
    status.setLatestVersionReferences(ArnFormat.parse(build.arn()).latestVersionReferences());
    status.setContentHash(build.contentHash());
    status.setState(build.deprecated() ? "DEPRECATED" : null); // absent while active

    List<HistoryEntry> history = status.getHistory();
    if (history.stream()
        .noneMatch(h -> Objects.equals(h.getWorkflowBuildVersionArn(), build.arn()))) {
      HistoryEntry entry = new HistoryEntry();
      entry.setSemanticVersion(build.semanticVersion());
      entry.setWorkflowBuildVersionArn(build.arn());
      entry.setDateCreated(build.dateCreated());
      history.add(0, entry); // most recent first
      while (history.size() > MAX_HISTORY) {
        history.remove(history.size() - 1);
      }
    }
  }
}
