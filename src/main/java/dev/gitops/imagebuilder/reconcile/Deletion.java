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
 * finalizer goes; with Retain, or under managementPolicy Plan or Observe, nothing is. A build still
 * in use keeps the finalizer and is retried with backoff.
 */
final class Deletion {
  private static final Logger LOG = LoggerFactory.getLogger(Deletion.class);

  private final OperatorConfig config;
  private final ImageBuilderGateway gateway;
  private final StatusWriter statusWriter;
  private final RetryMemory retries;
  private final Clock clock;

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
  }

  DeleteControl cleanup(ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context) {
    String who = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    String uid = resource.getMetadata().getUid();
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
      retries.forget(uid);
      return DeleteControl.defaultDelete();
    }
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
    String current = null;
    try {
      List<String> owned =
          gateway.ownedBuildArns(
              region,
              spec.getType(),
              SpecValidator.workflowName(resource),
              new Ownership(
                  resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
      for (String arn : owned) {
        current = arn;
        gateway.delete(region, arn);
      }
      LOG.info("{} deleted: policy Delete, deleted {} build(s): {}", who, owned.size(), owned);
      retries.forget(uid);
      return DeleteControl.defaultDelete();
    } catch (AwsCallException e) {
      Outcome outcome =
          e.errorClass() == ErrorClass.DEPENDENCY
              ? Outcome.reconciling(
                  Reason.DeleteBlocked,
                  current
                      + " is still in use ("
                      + e.errorCode()
                      + ": "
                      + e.getCause().getMessage()
                      + "); the finalizer stays until it is free, or set"
                      + " spec.deletionPolicy: Retain to keep it and let the resource go")
              : FailurePolicy.decide(e).outcome();
      // Terminal classes still retry (slowly) here: giving up would strand the finalizer.
      RetryMemory.Pace pace =
          e.errorClass() == ErrorClass.DEPENDENCY
                  || e.errorClass() == ErrorClass.THROTTLED
                  || e.errorClass() == ErrorClass.UNAVAILABLE
              ? RetryMemory.Pace.FAST
              : RetryMemory.Pace.SLOW;
      Duration delay = retries.failed(uid, fingerprint, pace, clock.instant());
      LOG.info(
          "{} delete blocked: {} arn={} requestId={} retry in {}s",
          who,
          outcome.reason(),
          current,
          e.requestId(),
          delay.toSeconds());
      statusWriter.write(resource, context, outcome);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
    }
  }
}
