package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.accounts.AccountDecision;
import dev.gitops.imagebuilder.accounts.AccountSources;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.KnownRegions;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Pruning;
import dev.gitops.imagebuilder.status.Reason;
import dev.gitops.imagebuilder.status.StatusWriter;
import io.javaoperatorsdk.operator.ReconcilerUtils;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Wires the steps of a reconcile: validate + resolve, observe + plan + act, report. Decisions live
 * in {@link SpecValidator}, {@link Planner} and {@link FailurePolicy}, AWS in {@link
 * ImageBuilderGateway}, status in {@link StatusWriter}. JOSDK decides when: {@link
 * WorkflowEventFilter} lets through only the updates that matter (generation-aware processing is
 * off because the adopt annotation matters too), AWS failures leave through JOSDK's error path
 * ({@link #updateErrorStatus}), and every reconcile that reached AWS is rescheduled at the drift
 * interval. A reconcile never sleeps: a call that must wait for its region's pace is rescheduled
 * instead.
 *
 * <p>The reconciler holds its {@link #FINALIZER} itself (JOSDK hands it every event, deletions
 * included): a new resource gets the finalizer in the same pass that creates its build, once the
 * pace has given that pass its turn. With JOSDK adding it, each resource of a mass apply queued
 * twice behind all the others, once for the finalizer and once more, after the finalizer's watch
 * event, for the work, and builds waited for the queue of finalizers. A resource marked for
 * deletion goes through {@link Deletion}, which decides when the finalizer may go.
 */
@ControllerConfiguration(
    name = WorkflowReconciler.NAME,
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true)
public class WorkflowReconciler implements Reconciler<ImageBuilderWorkflow> {
  public static final String NAME = "imagebuilderworkflow";

  /** JOSDK's default finalizer name for the kind. */
  public static final String FINALIZER =
      ReconcilerUtils.getDefaultFinalizerName(ImageBuilderWorkflow.class);

  /**
   * "Until something changes": JOSDK would otherwise run a terminally failed resource again at the
   * maximum reconciliation interval. A change of the spec, the ConfigMap or the annotation is an
   * event, which runs it at once and cancels this timer.
   */
  static final Duration UNTIL_CHANGED = Duration.ofDays(30);

  /** How soon to look again for a namespace the informer has not delivered yet. */
  static final Duration NAMESPACE_UNKNOWN = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowReconciler.class);

  private final SpecValidator validator;
  private final Planner planner = new Planner();
  private final ActionRunner runner;
  private final StatusWriter statusWriter;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration driftInterval;
  private final Deletion deletion;
  private final Pruner pruner;
  private final boolean requireAccountMapping;
  private volatile ConfigMapSource configMaps;
  private volatile AccountSources accounts;

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
    this.pruner = new Pruner(gateway);
    this.runner = new ActionRunner(gateway, planner, clock);
    this.statusWriter = statusWriter;
    this.clock = clock;
    this.random = random;
    this.driftInterval = config.driftCheckInterval();
    this.requireAccountMapping = config.requireAccountMapping();
    this.deletion = new Deletion(config, gateway, statusWriter, clock, random, () -> accounts);
  }

  @Override
  public List<EventSource<?, ImageBuilderWorkflow>> prepareEventSources(
      EventSourceContext<ImageBuilderWorkflow> context) {
    configMaps = new ConfigMapSource(context);
    accounts = new AccountSources(context, requireAccountMapping);
    List<EventSource<?, ImageBuilderWorkflow>> sources = new ArrayList<>(accounts.eventSources());
    sources.add(configMaps.eventSource());
    return sources;
  }

  @Override
  public UpdateControl<ImageBuilderWorkflow> reconcile(
      ImageBuilderWorkflow received, Context<ImageBuilderWorkflow> context) {
    if (context.isPrimaryResourceDeleted()) {
      // Gone: what it held in AWS was dealt with while its finalizer held it.
      return UpdateControl.noUpdate();
    }
    if (received.isMarkedForDeletion()) {
      return received.hasFinalizer(FINALIZER)
          ? delete(received, context)
          : UpdateControl.noUpdate();
    }
    String who = who(received);
    Resolution resolution = resolve(received);
    if (resolution instanceof Resolution.Invalid invalid) {
      ImageBuilderWorkflow resource = PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER);
      if (statusWriter.write(
          resource, context, Outcome.stalled(invalid.reason(), invalid.message()))) {
        LOG.info(
            "{} action=None reason={} message=\"{}\"", who, invalid.reason(), invalid.message());
      }
      // A spec or labelled-ConfigMap event brings it back; an unlabelled ConfigMap sends none, so
      // a missing document is also looked for again at the drift interval (one API read).
      return invalid.reason() == Reason.ConfigMapNotFound
          ? UpdateControl.<ImageBuilderWorkflow>noUpdate()
              .rescheduleAfter(DriftSchedule.next(driftInterval, random.nextDouble()))
          : UpdateControl.noUpdate();
    }
    AccountDecision account = accounts.decide(received);
    if (account instanceof AccountDecision.Wait) {
      return UpdateControl.<ImageBuilderWorkflow>noUpdate().rescheduleAfter(NAMESPACE_UNKNOWN);
    }
    if (account instanceof AccountDecision.Refuse refused) {
      ImageBuilderWorkflow resource = PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER);
      // A mapping's or a namespace's change brings it back (AccountSources); no AWS call till then.
      if (statusWriter.write(
          resource, context, Outcome.stalled(refused.reason(), refused.message()))) {
        LOG.info(
            "{} action=None reason={} message=\"{}\"", who, refused.reason(), refused.message());
      }
      return UpdateControl.noUpdate();
    }
    AccountRef mapped = ((AccountDecision.Use) account).account();
    DesiredWorkflow desired = ((Resolution.Valid) resolution).desired().in(mapped);
    StatusView status = StatusView.of(received.getStatus());
    List<Action> actions = new ArrayList<>();
    ImageBuilderWorkflow resource;
    Outcome outcome;
    try {
      boolean turnTaken = runner.takeCreateTurn(desired, status);
      // Before anything in AWS, after the turn: a resource sent away to wait for the pace (most of
      // a mass apply at first) has written nothing, and the API server's writes of its finalizer
      // follow the pace of the builds instead of crowding the start.
      resource = PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER);
      outcome = runner.reconcile(desired, status, turnTaken, actions::add);
    } catch (AwsCallException e) {
      throw new FailedReconcile(desired, actions, e);
    }
    // After the action, so that pruning never delays the next build; only where writes are allowed.
    Pruning pruning =
        desired.policy().writes()
                && outcome.progress() == Outcome.Progress.READY
                && outcome.build() != null
            ? pruner.retain(desired, resource.getSpec().getRetention(), outcome.build().arn())
            : null;
    boolean patched = statusWriter.write(resource, context, outcome.via(mapped), pruning);
    if (pruning != null && pruning.eventful()) {
      LOG.info(
          "{} action=Prune deleted={} blocked={} failure={}",
          who,
          pruning.deleted(),
          pruning.blocked(),
          pruning.failure() == null ? "-" : pruning.failure());
    }
    boolean wrote =
        desired.policy().writes()
            && !(actions.size() == 1 && actions.get(0) instanceof Action.Record);
    if (patched || wrote) {
      LOG.info(
          "{} {}={} account={} version={} arn={} reason={}",
          who,
          decided(desired),
          names(actions),
          desired.account().label(),
          desired.semanticVersion(),
          outcome.build() == null ? "-" : outcome.build().arn(),
          outcome.reason());
    }
    // Up to date or in conflict alike: look again at the drift interval.
    return UpdateControl.<ImageBuilderWorkflow>noUpdate()
        .rescheduleAfter(DriftSchedule.next(driftInterval, random.nextDouble()));
  }

  /**
   * JOSDK's error path: an AWS failure is reported as {@link FailurePolicy} decides and the
   * resource rescheduled at its pace (or left until it changes); anything else is a bug and gets
   * JOSDK's own retries.
   */
  @Override
  public ErrorStatusUpdateControl<ImageBuilderWorkflow> updateErrorStatus(
      ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context, Exception e) {
    FailedReconcile failed = FailedReconcile.in(e);
    if (failed == null) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    AwsCallException failure = failed.failure();
    FailurePolicy.Decision decision =
        FailurePolicy.decide(
            failure,
            FailurePolicy.failingFor(resource.getStatus(), clock.instant()),
            random.nextDouble(),
            driftInterval);
    List<Action> actions = failed.actions();
    Duration delay = decision.retryAfter().orElse(UNTIL_CHANGED);
    if (decision.outcome() != null || LOG.isDebugEnabled()) {
      LOG.atLevel(decision.outcome() != null ? Level.INFO : Level.DEBUG)
          .log(
              "{} {}={} account={} version={} arn={} failed reason={} code={} requestId={}"
                  + " retryIn={}",
              who(resource),
              decided(failed.desired()),
              names(actions),
              failed.desired().account().label(),
              failed.desired().semanticVersion(),
              actions.isEmpty() ? "-" : actions.get(actions.size() - 1).arn(),
              decision.outcome() == null ? "Paced" : decision.outcome().reason(),
              failure.errorCode(),
              failure.requestId(),
              decision.retryAfter().isEmpty()
                  ? "never (until the spec changes)"
                  : delay.toMillis() + "ms");
    }
    if (decision.outcome() != null) {
      statusWriter.write(resource, context, decision.outcome().via(failed.desired().account()));
    }
    return ErrorStatusUpdateControl.<ImageBuilderWorkflow>noStatusUpdate().rescheduleAfter(delay);
  }

  /** The spec validated, its document taken from its ConfigMap; a missing one is told apart. */
  private Resolution resolve(ImageBuilderWorkflow resource) {
    Optional<Map<String, String>> document = configMaps.dataFor(resource);
    Resolution resolution = validator.resolve(resource, document);
    if (document.isEmpty()
        && resolution instanceof Resolution.Invalid missing
        && missing.reason() == Reason.ConfigMapNotFound) {
      return configMaps
          .unlabelled(resource)
          .<Resolution>map(why -> new Resolution.Invalid(Reason.ConfigMapNotLabelled, why))
          .orElse(resolution);
    }
    return resolution;
  }

  /** Under Plan the decision log says what the operator would do, for it does nothing. */
  private static String decided(DesiredWorkflow desired) {
    return desired.policy() == ManagementPolicy.Plan ? "would" : "action";
  }

  /** The actions of one reconcile, as logged ("Observe" when it failed before deciding one). */
  private static String names(List<Action> actions) {
    return actions.isEmpty()
        ? "Observe"
        : actions.stream().map(a -> a.getClass().getSimpleName()).collect(Collectors.joining("+"));
  }

  private static String who(ImageBuilderWorkflow resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  private UpdateControl<ImageBuilderWorkflow> delete(
      ImageBuilderWorkflow resource, Context<ImageBuilderWorkflow> context) {
    DeleteControl control = deletion.cleanup(resource, context);
    if (control.isRemoveFinalizer()) {
      PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
      return UpdateControl.noUpdate();
    }
    return UpdateControl.<ImageBuilderWorkflow>noUpdate()
        .rescheduleAfter(control.getScheduleDelay().orElseThrow());
  }
}
