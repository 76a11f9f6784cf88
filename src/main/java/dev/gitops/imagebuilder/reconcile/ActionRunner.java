package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.aws.ArnFormat;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.ErrorClass;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.aws.Observation;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out one {@link Action} with the gateway's writes and says what came of it, as far as the
 * resource's management policy allows: Manage carries out every action, Plan none (it reports
 * them), Observe only reads.
 */
public final class ActionRunner {
  private final ImageBuilderGateway gateway;
  private final Planner planner;
  private final Clock clock;
  private final PlanPreview preview;
  private final Observer observer;

  public ActionRunner(ImageBuilderGateway gateway, Planner planner, Clock clock) {
    this.gateway = gateway;
    this.planner = planner;
    this.clock = clock;
    this.preview = new PlanPreview(gateway);
    this.observer = new Observer(gateway);
  }

  /**
   * Takes the create turn of a reconcile that will most likely create (it may write and its status
   * does not record its spec), before anything else it does: one sent away to wait for the pace has
   * then spent no call and written nothing, and one let through keeps its turn. Throws {@link
   * ErrorClass#THROTTLED} with when to come back.
   *
   * @return whether a turn was taken, to be passed to {@link #reconcile}
   */
  public boolean takeCreateTurn(DesiredWorkflow desired, StatusView status) {
    if (!desired.policy().writes() || checkOnly(desired, status)) {
      return false;
    }
    gateway.takeCreateTurn(desired.target());
    return true;
  }

  /**
   * Observes and plans; the action decided is reported to {@code log} before it runs.
   *
   * @param turnTaken what {@link #takeCreateTurn} answered for this reconcile
   */
  public Outcome reconcile(
      DesiredWorkflow desired, StatusView status, boolean turnTaken, ActionLog log) {
    if (desired.policy() == ManagementPolicy.Observe) {
      return observer.observe(desired);
    }
    boolean checkOnly = checkOnly(desired, status);
    Observation observed = firstObservation(desired, status, checkOnly);
    Action action = planner.plan(desired, observed, status);
    log.planned(action);
    if (!desired.policy().writes()) {
      return preview.outcome(desired, action);
    }
    if (action instanceof Action.Adopt adopt) {
      adopt(desired, adopt.builds());
      // Look again: the adopted newest build is now ours, recorded as it is or followed by a new
      // build.
      Observation again = observe(desired);
      Action next = planner.plan(desired, again, status);
      log.planned(next);
      Outcome outcome = run(desired, next, status, again, turnTaken);
      return outcome.build() != null && outcome.reason() != Reason.NewBuild
          ? Outcome.ready(Reason.Adopted, "adopted " + outcome.build().arn(), outcome.build())
          : outcome;
    }
    return run(desired, action, status, observed, turnTaken);
  }

  /** A resource whose status records its spec is only being checked. */
  private static boolean checkOnly(DesiredWorkflow desired, StatusView status) {
    return status.records(desired.semanticVersion(), desired.contentHash());
  }

  /**
   * A resource that does not hold its workflow yet lists the workflow's versions: a create then
   * needs no claim check when there are none, and reuses the listing when there are. A check of a
   * resource that is up to date yields to the reads of resources whose spec changed.
   */
  private Observation firstObservation(
      DesiredWorkflow desired, StatusView status, boolean checkOnly) {
    String name = desired.workflowName();
    String version = desired.semanticVersion();
    if (!WorkflowClaim.heldBy(status, desired)) {
      return gateway.observeWorkflow(desired.target(), desired.type(), name, version);
    }
    return checkOnly
        ? gateway.check(desired.target(), desired.type(), name, version)
        : observe(desired);
  }

  /**
   * @param turnTaken whether this reconcile took its create turn already
   */
  private Outcome run(
      DesiredWorkflow desired,
      Action action,
      StatusView status,
      Observation observed,
      boolean turnTaken) {
    if (action instanceof Action.Record r) {
      return recorded(desired, r);
    }
    if (action instanceof Action.Retag t) {
      if (!t.remove().isEmpty()) {
        gateway.untag(desired.target(), t.record().build().arn(), t.remove());
      }
      if (!t.add().isEmpty()) {
        gateway.tag(desired.target(), t.record().build().arn(), t.add());
      }
      return recorded(desired, t.record());
    }
    if (action instanceof Action.Create c) {
      return claimedCreate(desired, c, status, observed, turnTaken);
    }
    if (action instanceof Action.Conflict c) {
      return Outcome.stalled(c.reason(), c.message());
    }
    throw new IllegalStateException("adoption leaves no unowned builds to adopt: " + action);
  }

  /**
   * A create only while no other resource holds the workflow, checked again after the create: a
   * resource that lost a race deletes the build it just made (its own, seconds old, never recorded)
   * and reports the conflict. A resource that already holds the workflow needs neither check.
   */
  private Outcome claimedCreate(
      DesiredWorkflow desired,
      Action.Create create,
      StatusView status,
      Observation observed,
      boolean turnTaken) {
    if (WorkflowClaim.heldBy(status, desired)) {
      return create(desired, create, status, turnTaken);
    }
    Optional<Action.Conflict> taken =
        observed.noWorkflow()
            ? Optional.empty()
            : WorkflowClaim.conflict(
                desired,
                gateway.builds(
                    desired.target(),
                    observed.workflowVersions().orElseGet(() -> workflowVersions(desired))));
    if (taken.isPresent()) {
      return run(desired, taken.get(), status, observed, turnTaken);
    }
    Outcome created = create(desired, create, status, turnTaken);
    if (created.build() == null) {
      return created;
    }
    List<String> versions = workflowVersions(desired);
    if (WorkflowClaim.firstOfWorkflow(created.build(), versions)) {
      return created;
    }
    taken = WorkflowClaim.conflict(desired, gateway.builds(desired.target(), versions));
    if (taken.isEmpty()) {
      return created;
    }
    gateway.delete(desired.target(), created.build().arn());
    return Outcome.stalled(
        taken.get().reason(),
        taken.get().message()
            + " (the build "
            + created.build().arn()
            + " this resource created at the same moment was deleted)");
  }

  private List<String> workflowVersions(DesiredWorkflow d) {
    return gateway.workflowVersions(d.target(), d.type(), d.workflowName());
  }

  private Outcome create(
      DesiredWorkflow desired, Action.Create create, StatusView status, boolean turnTaken) {
    String arn;
    try {
      arn = gateway.create(desired.createRequest(create.supersedes()), turnTaken);
    } catch (AwsCallException e) {
      if (e.errorClass() != ErrorClass.IN_USE) {
        throw e;
      }
      // The service refuses content identical to the newest build: treat it as existing and look
      // again.
      Observation seen = observe(desired);
      Action again = planner.plan(desired, seen, status);
      if (!(again instanceof Action.Create)) {
        return run(desired, again, status, seen, false);
      }
      ObservedBuild newest = seen.builds().isEmpty() ? null : seen.builds().get(0);
      if (newest == null || !newest.owner().filter(desired.owner()::equals).isPresent()) {
        throw e;
      }
      // Ours, with the same content by the service's judgement (e.g. an adopted build whose hash
      // was
      // computed from its document while the spec names a URI): record the spec's hash on it.
      gateway.tag(
          desired.target(),
          newest.arn(),
          Map.of(Ownership.CONTENT_HASH_TAG, desired.contentHash()));
      return recorded(desired, new Action.Record(newest, Reason.UpToDate));
    }
    int build = ArnFormat.parse(arn).build();
    return Outcome.ready(
        create.reason(),
        create.reason() + " " + arn,
        new Outcome.RecordedBuild(
            arn,
            desired.semanticVersion(),
            build,
            desired.contentHash(),
            false,
            clock.instant().toString()));
  }

  private void adopt(DesiredWorkflow desired, List<ObservedBuild> builds) {
    ObservedBuild newest = builds.get(0);
    for (ObservedBuild build : builds) {
      Map<String, String> tags = new HashMap<>(desired.ownershipTags());
      if (build == newest) {
        tags.put(Ownership.CONTENT_HASH_TAG, gateway.contentHashOf(desired.target(), build.arn()));
      }
      gateway.tag(desired.target(), build.arn(), tags);
    }
  }

  private Outcome recorded(DesiredWorkflow desired, Action.Record record) {
    ObservedBuild b = record.build();
    String message =
        switch (record.reason()) {
          case Deprecated -> b.arn() + " is DEPRECATED in Image Builder";
          case UpToDate -> b.arn() + " is up to date";
          case RolledBack ->
              "rolled back to the existing build " + b.arn() + "; no new build was created";
          default -> record.reason() + " " + b.arn();
        };
    return Outcome.ready(
        record.reason(),
        message,
        new Outcome.RecordedBuild(
            b.arn(),
            b.semanticVersion(),
            b.buildNumber(),
            desired.contentHash(),
            b.deprecated(),
            b.dateCreated()));
  }

  private Observation observe(DesiredWorkflow d) {
    return gateway.observe(d.target(), d.type(), d.workflowName(), d.semanticVersion());
  }

  /** Receives each decision before it is carried out (the reconciler logs it). */
  public interface ActionLog {
    void planned(Action action);
  }
}
