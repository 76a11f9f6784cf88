package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.KnownRegions;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Pruning;
import dev.gitops.imagebuilder.status.Reason;
import dev.gitops.imagebuilder.status.StatusWriter;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the steps of a reconcile: validate + resolve, observe + plan + act, report. Decisions live
 * in {@link SpecValidator} and {@link Planner}, AWS in {@link ImageBuilderGateway}, status in
 * {@link StatusWriter}. Generation-aware filtering is off because the adopt annotation and
 * ConfigMap content matter too; the in-memory {@link DriftSchedule} and {@link RetryMemory} keep
 * the extra events free.
 */
@ControllerConfiguration(name = WorkflowReconciler.NAME, generationAwareEventProcessing = false)
public class WorkflowReconciler
    implements Reconciler<ImageBuilderWorkflow>, Cleaner<ImageBuilderWorkflow> {
  public static final String NAME = "imagebuilderworkflow";
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowReconciler.class);

  private final SpecValidator validator;
  private final Planner planner = new Planner();
  private final ActionRunner runner;
  private final StatusWriter statusWriter;
  private final Clock clock;
  private final DriftSchedule drift;
  private final RetryMemory retries;
  private final Deletion deletion;
  private final Pruner pruner;
  private volatile ConfigMapSource configMaps;

  public WorkflowReconciler(
      OperatorConfig config,
      ImageBuilderGateway gateway,
      StatusWriter statusWriter,
      Clock clock,
      RandomGenerator random) {
    this.validator =
        new SpecValidator(
            config.defaultRegion(),
            config.defaultDeletionPolicy(),
            new KnownRegions(config.extraRegions()));
    this.runner = new ActionRunner(gateway, planner, clock);
    this.statusWriter = statusWriter;
    this.clock = clock;
    this.drift = new DriftSchedule(config.driftCheckInterval(), random);
    this.retries = new RetryMemory(random);
    this.deletion = new Deletion(config, gateway, statusWriter, retries, clock);
    this.pruner = new Pruner(gateway);
  }

  @Override
  public List<EventSource<?, ImageBuilderWorkflow>> prepareEventSources(
      EventSourceContext<ImageBuilderWorkflow> context) {
    configMaps = new ConfigMapSource(context);
    return List.of(configMaps.eventSource());
  }

  @Override
  public UpdateControl<ImageBuilderWorkflow> reconcile(
      ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context) {
    String who = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    String uid = resource.getMetadata().getUid();
    Optional<Map<String, String>> document = configMaps.dataFor(resource);
    Resolution resolution = validator.resolve(resource, document);
    if (document.isEmpty()
        && resolution instanceof Resolution.Invalid missing
        && missing.reason() == Reason.ConfigMapNotFound) {
      resolution =
          configMaps
              .unlabelled(resource)
              .<Resolution>map(why -> new Resolution.Invalid(Reason.ConfigMapNotLabelled, why))
              .orElse(resolution);
    }
    if (resolution instanceof Resolution.Invalid invalid) {
      if (statusWriter.write(
          resource, context, Outcome.stalled(invalid.reason(), invalid.message()))) {
        LOG.info(
            "{} action=None reason={} message=\"{}\"", who, invalid.reason(), invalid.message());
      }
      // A spec or labelled-ConfigMap event brings it back; an unlabelled ConfigMap sends none, so
      // a missing document is also looked for again at the drift interval (one API read).
      return invalid.reason() == Reason.ConfigMapNotFound
          ? UpdateControl.<ImageBuilderWorkflow>noUpdate().rescheduleAfter(drift.interval())
          : UpdateControl.noUpdate();
    }
    DesiredWorkflow desired = ((Resolution.Valid) resolution).desired();
    Instant now = clock.instant();
    if (retries.parked(uid, desired.fingerprint())) {
      return UpdateControl.noUpdate();
    }
    Optional<Duration> wait = retries.waitRemaining(uid, desired.fingerprint(), now);
    if (wait.isPresent()) {
      return UpdateControl.<ImageBuilderWorkflow>noUpdate().rescheduleAfter(wait.get());
    }
    StatusView status = StatusView.of(resource.getStatus());
    if (planner.upToDate(desired, status) && !drift.due(uid, now)) {
      return UpdateControl.<ImageBuilderWorkflow>noUpdate()
          .rescheduleAfter(drift.remaining(uid, now));
    }
    List<Action> actions = new ArrayList<>();
    try {
      Outcome outcome = runner.reconcile(desired, status, actions::add);
      Duration next = drift.checked(uid, clock.instant());
      if (outcome.progress() == Outcome.Progress.STALLED) {
        retries.park(
            uid,
            desired.fingerprint(),
            next,
            clock.instant()); // conflicts: look again at drift pace
      } else {
        retries.forget(uid);
      }
      // After the action, so that pruning never delays the next build.
      Pruning pruning =
          outcome.progress() == Outcome.Progress.READY
              ? pruner.retain(desired, resource.getSpec().getRetention(), outcome.build().arn())
              : null;
      boolean patched = statusWriter.write(resource, context, outcome, pruning);
      if (pruning != null && pruning.eventful()) {
        LOG.info(
            "{} action=Prune deleted={} blocked={} failure={}",
            who,
            pruning.deleted(),
            pruning.blocked(),
            pruning.failure() == null ? "-" : pruning.failure());
      }
      if (patched || !(actions.size() == 1 && actions.get(0) instanceof Action.Record)) {
        LOG.info(
            "{} action={} version={} arn={} reason={}",
            who,
            names(actions),
            desired.semanticVersion(),
            outcome.build() == null ? "-" : outcome.build().arn(),
            outcome.reason());
      }
      return UpdateControl.<ImageBuilderWorkflow>noUpdate().rescheduleAfter(next);
    } catch (AwsCallException e) {
      FailurePolicy.Decision decision =
          FailurePolicy.decide(e, retries.attempt(uid, desired.fingerprint()));
      Duration delay = null;
      if (decision.pace() == null) {
        retries.parkUntilChanged(uid, desired.fingerprint());
      } else if (decision.pace() == RetryMemory.Pace.DRIFT) {
        delay = drift.checked(uid, clock.instant());
        retries.park(uid, desired.fingerprint(), delay, clock.instant());
      } else {
        // From now, not from the start: the attempts themselves may have taken a while.
        delay = retries.failed(uid, desired.fingerprint(), decision.pace(), clock.instant());
      }
      statusWriter.write(resource, context, decision.outcome());
      LOG.info(
          "{} action={} version={} arn={} failed reason={} code={} requestId={} retryIn={}",
          who,
          names(actions),
          desired.semanticVersion(),
          actions.isEmpty() ? "-" : actions.get(actions.size() - 1).arn(),
          decision.outcome().reason(),
          e.errorCode(),
          e.requestId(),
          delay == null ? "never (until the spec changes)" : delay.toMillis() + "ms");
      return delay == null
          ? UpdateControl.noUpdate()
          : UpdateControl.<ImageBuilderWorkflow>noUpdate().rescheduleAfter(delay);
    }
  }

  /** The actions of one reconcile, as logged ("Observe" when it failed before deciding one). */
  private static String names(List<Action> actions) {
    return actions.isEmpty()
        ? "Observe"
        : actions.stream().map(a -> a.getClass().getSimpleName()).collect(Collectors.joining("+"));
  }

  @Override
  public DeleteControl cleanup(
      ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context) {
    drift.forget(resource.getMetadata().getUid());
    return deletion.cleanup(resource, context);
  }
}
