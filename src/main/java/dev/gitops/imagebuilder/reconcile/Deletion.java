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
import java.util.List;
import java.util.random.RandomGenerator;
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
  private final Clock clock;
  private final RandomGenerator random;

  Deletion(
      OperatorConfig config,
      ImageBuilderGateway gateway,
      StatusWriter statusWriter,
      Clock clock,
      RandomGenerator random) {
    this.config = config;
    this.gateway = gateway;
    this.statusWriter = statusWriter;
    this.clock = clock;
    this.random = random;
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
              : FailurePolicy.decide(e, Duration.ZERO, 0).outcome();
      // Terminal classes still retry (slowly) here: giving up would strand the finalizer.
      FailurePolicy.Pace pace =
          e.errorClass() == ErrorClass.DEPENDENCY
                  || e.errorClass() == ErrorClass.THROTTLED
                  || e.errorClass() == ErrorClass.UNAVAILABLE
              ? FailurePolicy.Pace.FAST
              : FailurePolicy.Pace.SLOW;
      Duration failingFor = FailurePolicy.failingFor(resource.getStatus(), clock.instant());
      Duration delay =
          e.retryAfter()
              .orElseGet(() -> FailurePolicy.backoff(pace, failingFor, random.nextDouble()));
      LOG.info(
          "{} delete blocked: {} arn={} requestId={} retry in {}s",
          who,
          outcome == null ? "Paced" : outcome.reason(),
          current,
          e.requestId(),
          delay.toSeconds());
      if (outcome != null) {
        statusWriter.write(resource, context, outcome);
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
    }
  }
}
