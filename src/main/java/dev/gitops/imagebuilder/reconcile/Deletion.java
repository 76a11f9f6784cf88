package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.accounts.AccountDecision;
import dev.gitops.imagebuilder.accounts.AccountSources;
import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.AwsTarget;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a resource is deleted: with policy Delete, every build its ownership tags claim
 * (all versions, found in AWS rather than in the bounded status history) is deleted before the
 * finalizer goes; with Retain, or under managementPolicy Plan or Observe, nothing is. Every owned
 * build is tried even when some are in use; those still in use are listed in status and keep the
 * finalizer, tried again with backoff.
 */
final class Deletion {
  private static final Logger LOG = LoggerFactory.getLogger(Deletion.class);

  private final OperatorConfig config;
  private final ImageBuilderGateway gateway;
  private final StatusWriter statusWriter;
  private final Clock clock;
  private final RandomGenerator random;
  private final Pruner pruner;
  private final Supplier<AccountSources> accounts;

  /**
   * @param accounts the account mappings (their informers exist once JOSDK prepared the event
   *     sources)
   */
  Deletion(
      OperatorConfig config,
      ImageBuilderGateway gateway,
      StatusWriter statusWriter,
      Clock clock,
      RandomGenerator random,
      Supplier<AccountSources> accounts) {
    this.accounts = accounts;
    this.config = config;
    this.gateway = gateway;
    this.statusWriter = statusWriter;
    this.clock = clock;
    this.random = random;
    this.pruner = new Pruner(gateway);
  }

  DeleteControl cleanup(ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context) {
    String who = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    ImageBuilderWorkflowSpec spec = resource.getSpec();
    DeletionPolicy policy =
        spec == null || spec.getDeletionPolicy() == null
            ? config.defaultDeletionPolicy()
            : spec.getDeletionPolicy();
    if (!SpecValidator.policy(spec).writes()) {
      LOG.info(
          "{} deleted: managementPolicy {}, nothing in AWS touched",
          who,
          SpecValidator.policy(spec));
      return DeleteControl.defaultDelete();
    }
    if (policy == DeletionPolicy.Retain || spec == null || spec.getType() == null) {
      LOG.info("{} deleted: policy {}, builds left in AWS", who, policy);
      return DeleteControl.defaultDelete();
    }
    AccountDecision account = accounts.get().decide(resource);
    if (account instanceof AccountDecision.Wait) {
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(WorkflowReconciler.NAMESPACE_UNKNOWN.toMillis());
    }
    if (account instanceof AccountDecision.Refuse refused) {
      // Holding the finalizer would block the delete on a cluster admin; the builds stay, said so.
      String message = "deleted with its builds left in AWS: " + refused.message();
      LOG.warn("{} {}", who, message);
      statusWriter.event(resource, context, refused.reason(), message);
      return DeleteControl.defaultDelete();
    }
    AccountRef mapped = ((AccountDecision.Use) account).account();
    String region =
        spec.getRegion() == null || spec.getRegion().isBlank()
            ? config.defaultRegion()
            : spec.getRegion();
    AwsTarget target = new AwsTarget(mapped, region);
    Pruner.Round round;
    try {
      List<String> owned =
          gateway.ownedBuildArns(
              target,
              spec.getType(),
              SpecValidator.workflowName(resource),
              new Ownership(
                  resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
      round = pruner.delete(target, owned);
    } catch (AwsCallException e) {
      round = new Pruner.Round(Pruning.NONE, e);
    }
    Pruning pruning = round.pruning();
    AwsCallException e = round.failure();
    if (e == null && pruning.blocked().isEmpty()) {
      LOG.info(
          "{} deleted: policy Delete, deleted {} build(s): {}",
          who,
          pruning.deleted().size(),
          pruning.deleted());
      return DeleteControl.defaultDelete();
    }
    Duration failingFor = FailurePolicy.failingFor(resource.getStatus(), clock.instant());
    Outcome outcome =
        e != null
            ? FailurePolicy.decide(e, failingFor, 0, config.driftCheckInterval()).outcome()
            : Outcome.reconciling(
                Reason.DeleteBlocked,
                pruning.blocked().size()
                    + " build(s) still in use by a recipe or pipeline: "
                    + pruning.blocked()
                    + "; the finalizer stays until they are free, or set"
                    + " spec.deletionPolicy: Retain to keep them and let the resource go");
    // Terminal classes still retry (slowly) here: giving up would strand the finalizer.
    FailurePolicy.Pace pace =
        e == null
                || e.errorClass() == ErrorClass.THROTTLED
                || e.errorClass() == ErrorClass.UNAVAILABLE
            ? FailurePolicy.Pace.FAST
            : FailurePolicy.Pace.SLOW;
    Duration delay =
        (e == null ? Optional.<Duration>empty() : e.retryAfter())
            .orElseGet(() -> FailurePolicy.backoff(pace, failingFor, random.nextDouble()));
    LOG.info(
        "{} delete blocked: {} blocked={} deleted={} requestId={} retry in {}s",
        who,
        outcome == null ? "Paced" : outcome.reason(),
        pruning.blocked(),
        pruning.deleted().size(),
        e == null ? "-" : e.requestId(),
        delay.toSeconds());
    if (outcome != null) {
      statusWriter.write(resource, context, outcome.via(mapped), pruning);
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
  }
}
