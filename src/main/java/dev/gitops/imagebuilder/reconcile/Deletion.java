package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.ErrorClass;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Pruning;
import dev.gitops.imagebuilder.status.Reason;
import dev.gitops.imagebuilder.status.StatusWriter;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a resource is deleted: with policy Delete, every build its ownership tags claim
 * (all versions, found in AWS rather than in the bounded status history) is deleted before the
 * finalizer goes; with Retain nothing is. Every owned build is tried even when some are in use;
 * those still in use are listed in status and keep the finalizer, tried again with backoff.
 */
final class Deletion {
  private static final Logger LOG = LoggerFactory.getLogger(Deletion.class);

  private final OperatorConfig config;
  private final ImageBuilderGateway gateway;
  private final StatusWriter statusWriter;
  private final RetryMemory retries;
  private final Clock clock;
  private final Pruner pruner;

  Deletion(
      OperatorConfig config,
      ImageBuilderGateway gateway,
      StatusWriter statusWriter,
      RetryMemory retries,
      Clock clock) {
    this.config = config;
    this.gateway = gateway;
    this.statusWriter = statusWriter;
    this.retries = retries;
    this.clock = clock;
    this.pruner = new Pruner(gateway);
  }

  DeleteControl cleanup(ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context) {
    String who = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    String uid = resource.getMetadata().getUid();
    ImageBuilderWorkflowSpec spec = resource.getSpec();
    DeletionPolicy policy =
        spec == null || spec.getDeletionPolicy() == null
            ? config.defaultDeletionPolicy()
            : spec.getDeletionPolicy();
    if (policy == DeletionPolicy.Retain || spec == null || spec.getType() == null) {
      LOG.info("{} deleted: policy {}, builds left in AWS", who, policy);
      retries.forget(uid);
      return DeleteControl.defaultDelete();
    }
    String fingerprint = "delete/" + resource.getMetadata().getGeneration();
    Instant now = clock.instant();
    var wait = retries.waitRemaining(uid, fingerprint, now);
    if (wait.isPresent()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.get().toMillis());
    }
    String region =
        spec.getRegion() == null || spec.getRegion().isBlank()
            ? config.defaultRegion()
            : spec.getRegion();
    List<String> owned;
    Pruner.Round round;
    try {
      owned =
          gateway.ownedBuildArns(
              region,
              spec.getType(),
              SpecValidator.workflowName(resource),
              new Ownership(
                  resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
      round = pruner.delete(region, owned);
    } catch (AwsCallException e) {
      round = new Pruner.Round(Pruning.NONE, e);
    }
    Pruning pruning = round.pruning();
    if (round.failure() == null && pruning.blocked().isEmpty()) {
      LOG.info(
          "{} deleted: policy Delete, deleted {} build(s): {}",
          who,
          pruning.deleted().size(),
          pruning.deleted());
      retries.forget(uid);
      return DeleteControl.defaultDelete();
    }
    // Terminal classes still retry (slowly) here: giving up would strand the finalizer.
    Outcome outcome =
        round.failure() != null
            ? FailurePolicy.decide(round.failure(), retries.attempt(uid, fingerprint)).outcome()
            : Outcome.reconciling(
                Reason.DeleteBlocked,
                pruning.blocked().size()
                    + " build(s) still in use by a recipe or pipeline: "
                    + pruning.blocked()
                    + "; the finalizer stays until they are free, or set"
                    + " spec.deletionPolicy: Retain to keep them and let the resource go");
    RetryMemory.Pace pace =
        round.failure() == null
                || round.failure().errorClass() == ErrorClass.THROTTLED
                || round.failure().errorClass() == ErrorClass.UNAVAILABLE
            ? RetryMemory.Pace.FAST
            : RetryMemory.Pace.SLOW;
    Duration delay = retries.failed(uid, fingerprint, pace, clock.instant());
    LOG.info(
        "{} delete blocked: {} blocked={} deleted={} requestId={} retry in {}s",
        who,
        outcome.reason(),
        pruning.blocked(),
        pruning.deleted().size(),
        round.failure() == null ? "-" : round.failure().requestId(),
        delay.toSeconds());
    statusWriter.write(resource, context, outcome, pruning);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
  }
}
