package dev.gitops.imagebuilder.status;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The only code that writes status: assembles the next status from an outcome, patches it only when
 * it differs from the current one, and emits an event when the Ready condition or the current build
 * changes.
 */
public final class StatusWriter {
  private final Clock clock;
  private final StatusAssembler assembler = new StatusAssembler();
  private final EventRecorder events;

  public StatusWriter(Clock clock) {
    this.clock = clock;
    this.events = new EventRecorder(clock);
  }

  /** Returns whether the status was patched. */
  public boolean write(
      ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context, Outcome outcome) {
    return write(resource, context, outcome, null);
  }

  /**
   * Writes the outcome and, when a round of deletions ran ({@code pruning} not null), marks the
   * deleted builds in history, lists those in use, and records one event for the round.
   */
  public boolean write(
      ImageBuilderWorkflow resource,
      Context<ImageBuilderWorkflow> context,
      Outcome outcome,
      Pruning pruning) {
    Instant now = clock.instant();
    ImageBuilderWorkflowStatus current = resource.getStatus();
    long generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    ImageBuilderWorkflowStatus next = assembler.next(current, generation, outcome, pruning, now);
    if (pruning != null && pruning.eventful()) {
      events.record(
          context.getClient(),
          resource,
          !pruning.blocked().isEmpty() || pruning.failure() != null,
          Reason.Pruned,
          pruning.summary());
    }
    if (assembler.same(current, next)) {
      return false;
    }
    next.setLastSyncTime(now.toString());
    // A whole-status update (optimistic lock, retried on conflict): a merge patch could not remove
    // fields that became absent, such as state once a build is no longer deprecated.
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        resource,
        context,
        r -> {
          r.setStatus(next);
          return r;
        });
    if (isTransition(current, next)) {
      events.record(
          context.getClient(),
          resource,
          outcome.progress() != Outcome.Progress.READY,
          outcome.reason(),
          outcome.message());
    }
    return true;
  }

  /** A warning event on the resource, for what no status will show (a resource being deleted). */
  public void event(
      ImageBuilderWorkflow resource,
      Context<ImageBuilderWorkflow> context,
      Reason reason,
      String message) {
    events.record(context.getClient(), resource, true, reason, message);
  }

  private static boolean isTransition(
      ImageBuilderWorkflowStatus current, ImageBuilderWorkflowStatus next) {
    if (current == null) {
      return true;
    }
    Condition before = Conditions.find(current.getConditions(), Conditions.READY).orElse(null);
    Condition after = Conditions.find(next.getConditions(), Conditions.READY).orElseThrow();
    return before == null
        || !Objects.equals(before.getStatus(), after.getStatus())
        || !Objects.equals(before.getReason(), after.getReason())
        || !Objects.equals(current.getWorkflowBuildVersionArn(), next.getWorkflowBuildVersionArn());
  }
}
